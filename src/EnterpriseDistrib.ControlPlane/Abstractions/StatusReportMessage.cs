using System.Collections.Immutable;
using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.ControlPlane.Abstractions;

/// <summary>One agent's report about one rollout; <see cref="Sequence"/> orders an agent's reports (older ones change nothing).</summary>
[GenerateSerializer, Immutable]
public sealed record StatusReportMessage(
    [property: Id(0)] Guid AgentId,
    [property: Id(1)] Guid RolloutId,
    [property: Id(2)] long Sequence,
    [property: Id(3)] DateTimeOffset ReportedAt,
    [property: Id(4)] AgentRolloutState State,
    [property: Id(5)] int ProgressPercent,
    [property: Id(6)] long BytesDownloaded,
    [property: Id(7)] int? ExitCode,
    [property: Id(8)] string? Error,
    [property: Id(9)] Guid? SiteId,
    [property: Id(10)] ImmutableArray<TransferTotalMessage> Transfers);
