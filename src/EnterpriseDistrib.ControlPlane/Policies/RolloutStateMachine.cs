using System.Collections.Frozen;
using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.ControlPlane.Policies;

/// <summary>
/// A rollout's life as a pure function: Scheduled → Running → Paused / Halted → Completed / Cancelled.
/// The table below is the only place a transition is allowed; grains ask <see cref="Next"/> and store the result.
/// </summary>
public static class RolloutStateMachine
{
    /// <summary>For each trigger, the statuses it may fire from and the status it leads to.</summary>
    public static FrozenDictionary<RolloutTrigger, (FrozenSet<RolloutStatus> From, RolloutStatus To)> Table { get; } =
        new Dictionary<RolloutTrigger, (FrozenSet<RolloutStatus>, RolloutStatus)>
        {
            [RolloutTrigger.WaveOpened] = (Set(RolloutStatus.Scheduled), RolloutStatus.Running),
            [RolloutTrigger.Pause] = (Set(RolloutStatus.Scheduled, RolloutStatus.Running), RolloutStatus.Paused),
            [RolloutTrigger.Resume] = (Set(RolloutStatus.Paused, RolloutStatus.Halted), RolloutStatus.Running),
            [RolloutTrigger.Halt] = (Set(RolloutStatus.Running), RolloutStatus.Halted),
            [RolloutTrigger.Complete] = (Set(RolloutStatus.Running), RolloutStatus.Completed),
            [RolloutTrigger.Cancel] = (Set(RolloutStatus.Scheduled, RolloutStatus.Running, RolloutStatus.Paused, RolloutStatus.Halted), RolloutStatus.Cancelled),
        }.ToFrozenDictionary();

    public static RolloutTransition Next(RolloutStatus current, RolloutTrigger trigger)
    {
        if (!Table.TryGetValue(trigger, out var rule))
        {
            return new RolloutTransition(current, trigger, current, $"Unknown trigger {trigger}.");
        }

        if (rule.From.Contains(current))
        {
            return new RolloutTransition(current, trigger, rule.To, null);
        }

        var allowed = string.Join(" or ", rule.From.Order().Select(s => s.ToString()));
        var refusal = IsTerminal(current)
            ? $"The rollout is {current}; an ended rollout cannot {Verb(trigger)}. Create a new rollout instead."
            : $"The rollout is {current}; it can {Verb(trigger)} only when {allowed}.";
        return new RolloutTransition(current, trigger, current, refusal);
    }

    /// <summary>Completed and Cancelled never change again.</summary>
    public static bool IsTerminal(RolloutStatus status) => status is RolloutStatus.Completed or RolloutStatus.Cancelled;

    /// <summary>Only a running rollout hands out work to agents.</summary>
    public static bool HandsOutWork(RolloutStatus status) => status == RolloutStatus.Running;

    /// <summary>A wave is open from its start time on (inclusive).</summary>
    public static bool IsOpen(RolloutWave wave, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(wave);
        return wave.StartsAt <= now;
    }

    /// <summary>The waves open at <paramref name="now"/>, in order.</summary>
    public static IReadOnlyList<RolloutWave> OpenWaves(IEnumerable<RolloutWave> waves, DateTimeOffset now) =>
        [.. waves.Where(w => IsOpen(w, now)).OrderBy(w => w.Ordinal)];

    /// <summary>When the next wave opens after <paramref name="now"/>, or null if all are open: when to arm the timer.</summary>
    public static DateTimeOffset? NextWaveStart(IEnumerable<RolloutWave> waves, DateTimeOffset now)
    {
        var next = waves.Where(w => w.StartsAt > now).Select(w => (DateTimeOffset?)w.StartsAt).Min();
        return next;
    }

    /// <summary>The trigger the clock fires at <paramref name="now"/> (a scheduled rollout whose first wave came due), if any.</summary>
    public static RolloutTrigger? DueTrigger(RolloutStatus status, IEnumerable<RolloutWave> waves, DateTimeOffset now) =>
        status == RolloutStatus.Scheduled && waves.Any(w => IsOpen(w, now)) ? RolloutTrigger.WaveOpened : null;

    /// <summary>Done when every wave is open and every agent it targets has finished (success, failure or skip).</summary>
    public static bool IsComplete(IEnumerable<RolloutWave> waves, DateTimeOffset now, int targetedAgents, int finishedAgents) =>
        waves.All(w => IsOpen(w, now)) && targetedAgents > 0 && finishedAgents >= targetedAgents;

    private static string Verb(RolloutTrigger trigger) => trigger switch
    {
        RolloutTrigger.WaveOpened => "start",
        RolloutTrigger.Pause => "be paused",
        RolloutTrigger.Resume => "be resumed",
        RolloutTrigger.Halt => "halt",
        RolloutTrigger.Complete => "complete",
        RolloutTrigger.Cancel => "be cancelled",
        _ => trigger.ToString(),
    };

    private static FrozenSet<RolloutStatus> Set(params RolloutStatus[] statuses) => statuses.ToFrozenSet();
}
