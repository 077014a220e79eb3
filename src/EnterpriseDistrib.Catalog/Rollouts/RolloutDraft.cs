namespace EnterpriseDistrib.Catalog.Rollouts;

/// <summary>What an admin sends to create a rollout; waves are numbered in the order given.</summary>
public sealed record RolloutDraft(
    string Name,
    Guid PackageVersionId,
    IReadOnlyList<WaveDraft> Waves,
    double FailureThreshold = RolloutDefaults.FailureThreshold,
    int FailureMinimumSample = RolloutDefaults.FailureMinimumSample,
    int MaxWanFetchersPerSite = RolloutDefaults.MaxWanFetchersPerSite,
    InstallWindow? InstallWindow = null);
