namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>Where a rollout is in its life; the allowed moves live in the control plane's RolloutStateMachine.</summary>
public enum RolloutStatus
{
    Scheduled = 1,
    Running = 2,
    Paused = 3,
    Halted = 4,
    Completed = 5,
    Cancelled = 6,
}
