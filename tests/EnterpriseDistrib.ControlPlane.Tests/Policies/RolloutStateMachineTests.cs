using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.ControlPlane.Policies;
using Microsoft.Extensions.Time.Testing;

namespace EnterpriseDistrib.ControlPlane.Tests.Policies;

public sealed class RolloutStateMachineTests
{
    // The table from the issue, written out by hand: (from, trigger) → to. Anything absent is refused.
    private static readonly Dictionary<(RolloutStatus, RolloutTrigger), RolloutStatus> Allowed = new()
    {
        [(RolloutStatus.Scheduled, RolloutTrigger.WaveOpened)] = RolloutStatus.Running,
        [(RolloutStatus.Scheduled, RolloutTrigger.Pause)] = RolloutStatus.Paused,
        [(RolloutStatus.Scheduled, RolloutTrigger.Cancel)] = RolloutStatus.Cancelled,
        [(RolloutStatus.Running, RolloutTrigger.Pause)] = RolloutStatus.Paused,
        [(RolloutStatus.Running, RolloutTrigger.Halt)] = RolloutStatus.Halted,
        [(RolloutStatus.Running, RolloutTrigger.Complete)] = RolloutStatus.Completed,
        [(RolloutStatus.Running, RolloutTrigger.Cancel)] = RolloutStatus.Cancelled,
        [(RolloutStatus.Paused, RolloutTrigger.Resume)] = RolloutStatus.Running,
        [(RolloutStatus.Paused, RolloutTrigger.Cancel)] = RolloutStatus.Cancelled,
        [(RolloutStatus.Halted, RolloutTrigger.Resume)] = RolloutStatus.Running,
        [(RolloutStatus.Halted, RolloutTrigger.Cancel)] = RolloutStatus.Cancelled,
    };

    public static TheoryData<RolloutStatus, RolloutTrigger> EveryPair()
    {
        var data = new TheoryData<RolloutStatus, RolloutTrigger>();
        foreach (var status in Enum.GetValues<RolloutStatus>())
        {
            foreach (var trigger in Enum.GetValues<RolloutTrigger>())
            {
                data.Add(status, trigger);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_status_and_trigger_follows_the_table(RolloutStatus from, RolloutTrigger trigger)
    {
        var transition = RolloutStateMachine.Next(from, trigger);

        if (Allowed.TryGetValue((from, trigger), out var to))
        {
            Assert.True(transition.Allowed, transition.Refusal);
            Assert.Equal(to, transition.To);
        }
        else
        {
            Assert.False(transition.Allowed);
            Assert.Equal(from, transition.To);
            Assert.Contains(from.ToString(), transition.Refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_ended_rollout_refuses_every_move_and_suggests_a_new_one()
    {
        var transition = RolloutStateMachine.Next(RolloutStatus.Completed, RolloutTrigger.Resume);

        Assert.Equal("The rollout is Completed; an ended rollout cannot be resumed. Create a new rollout instead.", transition.Refusal);
        Assert.True(RolloutStateMachine.IsTerminal(RolloutStatus.Cancelled));
        Assert.False(RolloutStateMachine.IsTerminal(RolloutStatus.Halted));
    }

    [Fact]
    public void Waves_open_at_their_start_time_as_the_clock_advances()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var start = clock.GetUtcNow();
        RolloutWave[] waves = [Wave(0, start.AddHours(1)), Wave(1, start.AddDays(1))];

        Assert.Null(RolloutStateMachine.DueTrigger(RolloutStatus.Scheduled, waves, clock.GetUtcNow()));
        Assert.Equal(start.AddHours(1), RolloutStateMachine.NextWaveStart(waves, clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));
        Assert.Empty(RolloutStateMachine.OpenWaves(waves, clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(RolloutTrigger.WaveOpened, RolloutStateMachine.DueTrigger(RolloutStatus.Scheduled, waves, clock.GetUtcNow()));
        Assert.Equal([0], RolloutStateMachine.OpenWaves(waves, clock.GetUtcNow()).Select(w => w.Ordinal));
        Assert.Equal(start.AddDays(1), RolloutStateMachine.NextWaveStart(waves, clock.GetUtcNow()));
        Assert.Null(RolloutStateMachine.DueTrigger(RolloutStatus.Running, waves, clock.GetUtcNow()));
        Assert.Null(RolloutStateMachine.DueTrigger(RolloutStatus.Paused, waves, clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal([0, 1], RolloutStateMachine.OpenWaves(waves, clock.GetUtcNow()).Select(w => w.Ordinal));
        Assert.Null(RolloutStateMachine.NextWaveStart(waves, clock.GetUtcNow()));
    }

    [Fact]
    public void A_rollout_completes_only_when_every_wave_is_open_and_every_target_finished()
    {
        var now = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        RolloutWave[] waves = [Wave(0, now.AddHours(-2)), Wave(1, now.AddHours(1))];

        Assert.False(RolloutStateMachine.IsComplete(waves, now, targetedAgents: 10, finishedAgents: 10));
        Assert.False(RolloutStateMachine.IsComplete(waves, now.AddHours(1), targetedAgents: 10, finishedAgents: 9));
        Assert.True(RolloutStateMachine.IsComplete(waves, now.AddHours(1), targetedAgents: 10, finishedAgents: 10));
        Assert.False(RolloutStateMachine.IsComplete(waves, now.AddHours(1), targetedAgents: 0, finishedAgents: 0));
    }

    private static RolloutWave Wave(int ordinal, DateTimeOffset startsAt) =>
        new() { Id = Guid.NewGuid(), Ordinal = ordinal, OfficeGroupId = Guid.NewGuid(), StartsAt = startsAt };
}
