using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.ControlPlane.Policies;

namespace EnterpriseDistrib.ControlPlane.Tests.Policies;

public sealed class FailureThresholdTests
{
    [Fact]
    public void A_failure_rate_above_the_threshold_halts_with_the_figures()
    {
        var decision = FailureThreshold.Evaluate(new WaveOutcome(Succeeded: 7, Failed: 3, InProgress: 90), threshold: 0.2, minimumSample: 5, waveOrdinal: 1);

        Assert.True(decision.Halt);
        Assert.Equal("Wave 2: 3 of 10 finished installs failed (30%), above the 20% threshold.", decision.Reason);
    }

    [Fact]
    public void A_rate_exactly_at_the_threshold_does_not_halt()
    {
        Assert.False(FailureThreshold.Evaluate(new WaveOutcome(8, 2, 0), 0.2, 5, 0).Halt);
    }

    [Fact]
    public void Failures_before_the_minimum_sample_do_not_halt()
    {
        Assert.False(FailureThreshold.Evaluate(new WaveOutcome(0, 4, 1000), 0.2, 5, 0).Halt);
        Assert.True(FailureThreshold.Evaluate(new WaveOutcome(0, 5, 1000), 0.2, 5, 0).Halt);
    }

    [Fact]
    public void A_zero_minimum_sample_still_needs_one_finished_install()
    {
        Assert.False(FailureThreshold.Evaluate(new WaveOutcome(0, 0, 10), 0, 0, 0).Halt);
        Assert.True(FailureThreshold.Evaluate(new WaveOutcome(0, 1, 10), 0, 0, 0).Halt);
    }

    [Fact]
    public void Outcomes_count_skips_and_reboot_pending_installs_as_successes()
    {
        var outcome = WaveOutcome.From(new Dictionary<AgentRolloutState, int>
        {
            [AgentRolloutState.Succeeded] = 5,
            [AgentRolloutState.SucceededRebootRequired] = 2,
            [AgentRolloutState.Skipped] = 1,
            [AgentRolloutState.Failed] = 2,
            [AgentRolloutState.Downloading] = 7,
            [AgentRolloutState.Installing] = 3,
        });

        Assert.Equal(new WaveOutcome(8, 2, 10), outcome);
        Assert.Equal(0.2, outcome.FailureRate);
    }
}
