namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>Where the agent is with one rollout (the server's <c>AgentRolloutState</c>, sent by name).</summary>
public enum RolloutState
{
    Pending = 1,
    Downloading = 2,
    Downloaded = 3,
    Installing = 4,
    Succeeded = 5,
    SucceededRebootRequired = 6,
    Failed = 7,
    Skipped = 8,
}
