using EnterpriseDistrib.Torrent.Net;

namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>How a <see cref="TrackerAnnouncer"/> paces itself.</summary>
public sealed record TrackerAnnouncerOptions
{
    public static TrackerAnnouncerOptions Default { get; } = new();

    /// <summary>Floor on the tracker's <c>interval</c>, so a tracker answering 0 cannot make us announce in a loop.</summary>
    public TimeSpan MinimumInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Ceiling on the tracker's <c>interval</c>, so the tracker's view of our progress never goes very stale.</summary>
    public TimeSpan MaximumInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Delay before retrying after every tracker of every tier failed.</summary>
    public RetryBackoff Backoff { get; init; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(30));

    /// <summary>How long disposing waits for the <c>stopped</c> announce.</summary>
    public TimeSpan StoppedTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public int NumWant { get; init; } = 50;

    /// <summary>Peers waiting for the engine beyond this are dropped, oldest first.</summary>
    public int PeerQueueCapacity { get; init; } = 1000;

    /// <summary>Seeds the jitter and the BEP 12 tier shuffle; null for a random seed.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>BEP 12 shuffles each tier once at the start; tests turn it off to know the order.</summary>
    public bool ShuffleTiers { get; init; } = true;
}
