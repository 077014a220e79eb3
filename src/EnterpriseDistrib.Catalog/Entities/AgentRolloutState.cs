namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>Where one agent is in one rollout, as the agent reported it.</summary>
public enum AgentRolloutState
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
