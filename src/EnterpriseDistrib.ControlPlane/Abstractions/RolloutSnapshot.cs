using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.ControlPlane.Abstractions;

/// <summary>A rollout's status as its grain sees it.</summary>
[GenerateSerializer, Immutable]
public sealed record RolloutSnapshot(
    [property: Id(0)] Guid RolloutId,
    [property: Id(1)] RolloutStatus Status,
    [property: Id(2)] string? StatusReason,
    [property: Id(3)] int OpenWaves,
    [property: Id(4)] int TotalWaves,
    [property: Id(5)] DateTimeOffset? NextWaveAt,
    [property: Id(6)] long Version);
