using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.Catalog.Status;

/// <summary>
/// One agent's report about one rollout. <see cref="Sequence"/> is the agent's own increasing counter: a
/// report whose sequence is not above the stored one is older and changes nothing.
/// </summary>
/// <param name="SiteId">The agent's site when the server received the report (the server fills it from the agent record).</param>
/// <param name="Transfers">Cumulative bytes received per source class and site since the rollout began for this agent.</param>
public sealed record StatusReport(
    Guid AgentId,
    Guid RolloutId,
    long Sequence,
    DateTimeOffset ReportedAt,
    AgentRolloutState State,
    int ProgressPercent = 0,
    long BytesDownloaded = 0,
    int? ExitCode = null,
    string? Error = null,
    Guid? SiteId = null,
    IReadOnlyList<TransferTotal>? Transfers = null);
