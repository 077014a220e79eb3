using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.ControlPlane.Policies;

/// <summary>How a wave's agents are doing: finished ones (succeeded or failed) and the rest.</summary>
public sealed record WaveOutcome(int Succeeded, int Failed, int InProgress)
{
    public int Finished => Succeeded + Failed;

    /// <summary>Failed / finished, 0 when nothing finished.</summary>
    public double FailureRate => Finished == 0 ? 0 : (double)Failed / Finished;

    /// <summary>From the catalog's per-state counts: a skip (already installed) and a success needing reboot count as successes.</summary>
    public static WaveOutcome From(IReadOnlyDictionary<AgentRolloutState, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int Count(AgentRolloutState state) => counts.TryGetValue(state, out var n) ? n : 0;
        var succeeded = Count(AgentRolloutState.Succeeded) + Count(AgentRolloutState.SucceededRebootRequired) + Count(AgentRolloutState.Skipped);
        var failed = Count(AgentRolloutState.Failed);
        return new WaveOutcome(succeeded, failed, counts.Values.Sum() - succeeded - failed);
    }
}
