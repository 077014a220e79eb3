namespace EnterpriseDistrib.Catalog.Rollouts;

/// <summary>Defaults a rollout gets when the admin does not say otherwise.</summary>
public static class RolloutDefaults
{
    /// <summary>Halt when more than a fifth of a wave's finished installs failed.</summary>
    public const double FailureThreshold = 0.2;

    public const int FailureMinimumSample = 5;

    /// <summary>DESIGN: "at most K fetchers per site and package (default 1 or 2)".</summary>
    public const int MaxWanFetchersPerSite = 1;
}
