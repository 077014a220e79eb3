using EnterpriseDistrib.Catalog.Audit;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Errors;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.ControlPlane.Abstractions;
using EnterpriseDistrib.ControlPlane.Policies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EnterpriseDistrib.ControlPlane.Grains;

/// <summary>
/// One rollout: the catalog row is its state, this grain the only writer of its status. It opens the
/// rollout when the first wave's start time comes (a <see cref="TimeProvider"/> timer, and on every call),
/// halts it when a wave's failure rate passes the threshold, completes it when every targeted agent
/// finished, and applies admins' pause, resume and cancel — all decided by <see cref="RolloutStateMachine"/>.
/// </summary>
internal sealed partial class RolloutGrain(
    RolloutStore rollouts,
    RolloutOutcomes outcomes,
    [FromKeyedServices(ControlPlaneServices.ClockKey)] TimeProvider time,
    ILogger<RolloutGrain> logger) : Grain, IRolloutGrain
{
    /// <summary>Least time between two evaluations of failure rate and completion (reports arrive in bursts).</summary>
    internal static readonly TimeSpan EvaluationInterval = TimeSpan.FromSeconds(1);

    /// <summary>Added to timer delays: a system timer may fire a few milliseconds before the clock says it is due.</summary>
    internal static readonly TimeSpan TimerMargin = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a count of targeted agents is trusted while fewer agents than that have finished.</summary>
    internal static readonly TimeSpan TargetCountLifetime = TimeSpan.FromSeconds(30);

    private Rollout? _rollout;
    private ITimer? _timer;
    private ITimer? _trailingEvaluation;
    private DateTimeOffset? _trailingDueAt;
    private DateTimeOffset _lastEvaluation = DateTimeOffset.MinValue;
    private int _failedAtResume;
    private (int Count, DateTimeOffset At)? _targeted;

    private Guid Id => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _rollout = await rollouts.GetAsync(Id, cancellationToken);
        await ApplyClockAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _trailingEvaluation?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<RolloutSnapshot> Activate()
    {
        _rollout = await rollouts.GetAsync(Id) ?? _rollout;
        await ApplyClockAsync();
        return Snapshot();
    }

    public async Task<RolloutSnapshot> GetSnapshot()
    {
        await ApplyClockAsync();
        return Snapshot();
    }

    public async Task<RolloutCommandResult> Pause(string actor)
    {
        await ApplyClockAsync();
        return await MoveAsync(RolloutTrigger.Pause, actor, $"Paused by {actor}.");
    }

    public async Task<RolloutCommandResult> Resume(string actor)
    {
        await ApplyClockAsync();
        var result = await MoveAsync(RolloutTrigger.Resume, actor, $"Resumed by {actor}.");
        if (result.Accepted && _rollout is not null)
        {
            // Failures that caused a halt were seen by the admin who resumed; only new ones halt again.
            _failedAtResume = (await outcomes.ForOpenWavesAsync(_rollout, time.GetUtcNow())).Sum(w => w.Outcome.Failed);
        }

        return result;
    }

    public async Task<RolloutCommandResult> Cancel(string actor)
    {
        await ApplyClockAsync();
        return await MoveAsync(RolloutTrigger.Cancel, actor, $"Cancelled by {actor}.");
    }

    public async Task Evaluate()
    {
        await ApplyClockAsync();
        var now = time.GetUtcNow();
        if (_rollout is not { Status: RolloutStatus.Running } rollout)
        {
            return;
        }

        if (now - _lastEvaluation < EvaluationInterval)
        {
            // Reports keep coming: evaluate once more when the interval is over, so the last ones count. A timer
            // whose time has passed already fired (or is about to): arm a new one rather than trust it.
            if (_trailingDueAt is not { } due || due <= now)
            {
                _trailingEvaluation?.Dispose();
                var delay = _lastEvaluation + EvaluationInterval - now + TimerMargin;
                _trailingDueAt = now + delay;
                _trailingEvaluation = time.CreateTimer(
                    static state => _ = ((IRolloutGrain)state!).Evaluate(), GrainFactory.GetGrain<IRolloutGrain>(Id), delay, Timeout.InfiniteTimeSpan);
            }

            return;
        }

        _trailingEvaluation?.Dispose();
        _trailingEvaluation = null;
        _trailingDueAt = null;
        _lastEvaluation = now;
        var waves = await outcomes.ForOpenWavesAsync(rollout, now);
        var failed = waves.Sum(w => w.Outcome.Failed);
        foreach (var wave in waves)
        {
            var decision = FailureThreshold.Evaluate(wave.Outcome, rollout.FailureThreshold, rollout.FailureMinimumSample, wave.Ordinal);
            if (decision.Halt && failed > _failedAtResume)
            {
                LogHalted(logger, Id, decision.Reason);
                await MoveAsync(RolloutTrigger.Halt, AuditActions.SystemActor, decision.Reason);
                return;
            }
        }

        var finished = waves.Sum(w => w.Outcome.Finished);
        if (finished == 0 || RolloutStateMachine.NextWaveStart(rollout.Waves, now) is not null)
        {
            return;
        }

        // Counting the fleet is the costly part: recount only when the finished could have caught up, or the count is old.
        if (_targeted is not { } cached || finished >= cached.Count || now - cached.At > TargetCountLifetime)
        {
            _targeted = (await outcomes.CountTargetedAsync(waves), now);
        }

        var targeted = _targeted.Value.Count;
        if (RolloutStateMachine.IsComplete(rollout.Waves, now, targeted, finished))
        {
            await MoveAsync(RolloutTrigger.Complete, AuditActions.SystemActor, $"All {targeted} targeted agents finished.");
        }
    }

    private async Task ApplyClockAsync()
    {
        if (_rollout is not { } rollout)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (RolloutStateMachine.DueTrigger(rollout.Status, rollout.Waves, now) is { } trigger)
        {
            var first = rollout.Waves.OrderBy(w => w.StartsAt).First();
            await MoveAsync(trigger, AuditActions.SystemActor, $"Wave {first.Ordinal + 1} opened at {first.StartsAt:u}.");
        }

        ArmTimer(now);
    }

    /// <summary>Wakes the grain when the next wave opens, and keeps it active until then.</summary>
    private void ArmTimer(DateTimeOffset now)
    {
        _timer?.Dispose();
        _timer = null;
        if (_rollout is not { } rollout || RolloutStateMachine.IsTerminal(rollout.Status) ||
            RolloutStateMachine.NextWaveStart(rollout.Waves, now) is not { } next)
        {
            return;
        }

        var due = next - now;
        var self = GrainFactory.GetGrain<IRolloutGrain>(Id);
        _timer = time.CreateTimer(static state => _ = ((IRolloutGrain)state!).Evaluate(), self, due, Timeout.InfiniteTimeSpan);
        if (due < TimeSpan.FromDays(1))
        {
            DelayDeactivation(due + TimeSpan.FromMinutes(1));
        }
    }

    private async Task<RolloutCommandResult> MoveAsync(RolloutTrigger trigger, string actor, string reason)
    {
        if (_rollout is not { } rollout)
        {
            return new RolloutCommandResult(false, Snapshot(), $"Rollout {Id} does not exist.") { NotFound = true };
        }

        var transition = RolloutStateMachine.Next(rollout.Status, trigger);
        if (!transition.Allowed)
        {
            return new RolloutCommandResult(false, Snapshot(), transition.Refusal);
        }

        try
        {
            _rollout = await rollouts.SetStatusAsync(Id, rollout.Version, transition.To, reason, actor);
        }
        catch (CatalogConcurrencyException)
        {
            // Changed outside this grain (another silo during a failover): reload and decide again.
            _rollout = await rollouts.GetAsync(Id);
            return _rollout is null
                ? new RolloutCommandResult(false, Snapshot(), $"Rollout {Id} does not exist.") { NotFound = true }
                : await MoveAsync(trigger, actor, reason);
        }

        LogMoved(logger, Id, transition.From, transition.To, actor);
        ArmTimer(time.GetUtcNow());
        return new RolloutCommandResult(_rollout is not null, Snapshot(), null) { NotFound = _rollout is null };
    }

    private RolloutSnapshot Snapshot()
    {
        var now = time.GetUtcNow();
        if (_rollout is not { } rollout)
        {
            return new RolloutSnapshot(Id, default, "The rollout does not exist.", 0, 0, null, 0);
        }

        return new RolloutSnapshot(
            Id,
            rollout.Status,
            rollout.StatusReason,
            RolloutStateMachine.OpenWaves(rollout.Waves, now).Count,
            rollout.Waves.Count,
            RolloutStateMachine.IsTerminal(rollout.Status) ? null : RolloutStateMachine.NextWaveStart(rollout.Waves, now),
            rollout.Version);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rollout {RolloutId}: {From} -> {To} by {Actor}.")]
    private static partial void LogMoved(ILogger logger, Guid rolloutId, RolloutStatus from, RolloutStatus to, string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {RolloutId} halted: {Reason}")]
    private static partial void LogHalted(ILogger logger, Guid rolloutId, string reason);
}
