namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>The latest state one agent reported for one rollout (one row per agent and rollout).</summary>
public sealed class AgentRolloutStatus
{
    public Guid RolloutId { get; set; }

    public Guid AgentId { get; set; }

    /// <summary>The agent's site when it reported, copied here so per-site progress is one grouped scan.</summary>
    public Guid? SiteId { get; set; }

    public AgentRolloutState State { get; set; }

    /// <summary>0..100.</summary>
    public int ProgressPercent { get; set; }

    public long BytesDownloaded { get; set; }

    public int? ExitCode { get; set; }

    public string? Error { get; set; }

    /// <summary>The agent's report counter; a report with a sequence not above this one is older and is ignored.</summary>
    public long Sequence { get; set; }

    /// <summary>Agent clock when the latest applied report was made.</summary>
    public DateTimeOffset ReportedAt { get; set; }

    /// <summary>Server clock when the first report arrived.</summary>
    public DateTimeOffset FirstSeenAt { get; set; }

    /// <summary>Server clock when the latest report was applied.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
