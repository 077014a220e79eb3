namespace EnterpriseDistrib.ControlPlane.Policies;

/// <summary>One rollout an agent must carry out now: what to fetch, by when, and through which wave it was reached.</summary>
public sealed record Assignment(
    Guid RolloutId,
    Guid PackageVersionId,
    int WaveOrdinal,
    DateTimeOffset WaveStartsAt,
    DateTimeOffset? Deadline,
    int MaxWanFetchersPerSite);
