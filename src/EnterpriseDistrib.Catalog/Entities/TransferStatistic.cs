namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>
/// Bytes one agent received in one rollout from one class of source (and source site), as counted by the agent.
/// Totals are cumulative per agent, so a repeated report replaces rather than adds and reports stay exact.
/// </summary>
public sealed class TransferStatistic
{
    public Guid RolloutId { get; set; }

    public Guid AgentId { get; set; }

    public TransferSourceClass SourceClass { get; set; }

    /// <summary>The site the bytes came from; <see cref="Guid.Empty"/> for the origin or a peer outside every site.</summary>
    public Guid SourceSiteId { get; set; }

    /// <summary>The receiving agent's site when it reported.</summary>
    public Guid? SiteId { get; set; }

    public long Bytes { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
