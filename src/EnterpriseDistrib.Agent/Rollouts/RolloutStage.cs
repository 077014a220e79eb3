namespace EnterpriseDistrib.Agent.Rollouts;

/// <summary>Where the agent is with one rollout, as its journal keeps it across restarts.</summary>
public enum RolloutStage
{
    New,
    Downloading,
    Downloaded,

    /// <summary>The installer was started; found at start-up, it means the agent died during the install.</summary>
    Installing,
    Installed,
    RebootRequired,
    InstallFailed,

    /// <summary>The detection rule found the package already installed.</summary>
    Skipped,

    /// <summary>The package is larger than the cache quota.</summary>
    Refused,
}
