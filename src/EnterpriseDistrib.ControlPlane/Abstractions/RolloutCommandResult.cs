using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.ControlPlane.Abstractions;

/// <summary>What a pause, resume or cancel did: accepted, or refused with why (e.g. "a completed rollout cannot be paused").</summary>
[GenerateSerializer, Immutable]
public sealed record RolloutCommandResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] RolloutSnapshot Snapshot,
    [property: Id(2)] string? Refusal)
{
    /// <summary>True when the rollout does not exist.</summary>
    [Id(3)]
    public bool NotFound { get; init; }
}
