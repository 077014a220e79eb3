namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>A scheduled delivery of one package version to office groups, in waves.</summary>
public sealed class Rollout : IVersioned
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public Guid PackageVersionId { get; set; }

    public RolloutStatus Status { get; set; }

    /// <summary>Failure rate of a wave (failed / finished) above which the rollout halts itself, 0..1.</summary>
    public double FailureThreshold { get; set; }

    /// <summary>Finished installs a wave needs before its failure rate counts, so one early failure does not halt everything.</summary>
    public int FailureMinimumSample { get; set; }

    /// <summary>At most this many agents per site fetch over the WAN (the rest wait for site peers).</summary>
    public int MaxWanFetchersPerSite { get; set; }

    /// <summary>
    /// Daily start of the install window, in each agent's site time zone; agents download at once and install only
    /// inside the window. Both ends set or neither (no window: install as soon as downloaded).
    /// </summary>
    public TimeOnly? InstallWindowStart { get; set; }

    /// <summary>Daily end of the install window; before the start, the window spans midnight.</summary>
    public TimeOnly? InstallWindowEnd { get; set; }

    public List<RolloutWave> Waves { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When it reached Completed or Cancelled.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it was last halted, paused or cancelled, in words an admin reads.</summary>
    public string? StatusReason { get; set; }

    public long Version { get; set; }
}
