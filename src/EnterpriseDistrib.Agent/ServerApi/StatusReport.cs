namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>
/// One report about one rollout. The server keeps, per agent and rollout, only the report with the highest
/// <see cref="Sequence"/>; a resend of one it already stored changes nothing, which is what makes delivery once.
/// </summary>
public sealed record StatusReport(
    Guid RolloutId,
    long Sequence,
    RolloutState State,
    int ProgressPercent = 0,
    long BytesDownloaded = 0,
    int? ExitCode = null,
    string? Error = null,
    DateTimeOffset? ReportedAt = null,
    IReadOnlyList<TransferTotal>? Transfers = null);
