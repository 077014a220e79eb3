namespace EnterpriseDistrib.ControlPlane.Abstractions;

/// <summary>
/// One rollout's life: opens waves at their start times, halts on a wave's failure rate, and applies
/// pause, resume and cancel. The catalog row is the state; the grain serialises its changes.
/// </summary>
public interface IRolloutGrain : IGrainWithGuidKey
{
    /// <summary>Loads the rollout and arms its wave timer; idempotent. Call after creating it.</summary>
    Task<RolloutSnapshot> Activate();

    /// <summary>The current status, applying any wave start that has come due.</summary>
    Task<RolloutSnapshot> GetSnapshot();

    /// <summary>Pauses a scheduled or running rollout.</summary>
    Task<RolloutCommandResult> Pause(string actor);

    /// <summary>Resumes a paused or halted rollout.</summary>
    Task<RolloutCommandResult> Resume(string actor);

    /// <summary>Cancels a rollout that has not ended.</summary>
    Task<RolloutCommandResult> Cancel(string actor);

    /// <summary>Re-checks failure rates and completion against the latest status reports (one-way: callers do not wait).</summary>
    [Orleans.Concurrency.OneWay]
    Task Evaluate();
}
