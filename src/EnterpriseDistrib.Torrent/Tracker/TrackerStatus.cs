namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>A snapshot of how a torrent's announcing is going, for statistics and for people.</summary>
public sealed record TrackerStatus
{
    public static TrackerStatus Initial { get; } = new();

    /// <summary>The tracker that answered last.</summary>
    public Uri? Tracker { get; init; }

    public DateTimeOffset? LastSuccess { get; init; }

    public AnnounceEvent LastEvent { get; init; }

    public TimeSpan? Interval { get; init; }

    public TimeSpan? MinInterval { get; init; }

    /// <summary>The last <c>warning message</c>; cleared by an answer without one.</summary>
    public string? WarningMessage { get; init; }

    /// <summary>Why the last round failed (every tracker of every tier); null after a success.</summary>
    public Exception? LastError { get; init; }

    /// <summary>The web seeds the last answer handed us (<c>x-edist-web-seeds</c>); empty when it handed none.</summary>
    public System.Collections.Immutable.ImmutableArray<Uri> WebSeeds { get; init; } = [];

    /// <summary>Why the last answer's <c>x-edist-web-seeds</c> was ignored, if it was.</summary>
    public string? WebSeedsWarning { get; init; }

    public int ConsecutiveFailures { get; init; }

    public long? Seeders { get; init; }

    public long? Leechers { get; init; }

    /// <summary>When the next round is due.</summary>
    public DateTimeOffset? NextAnnounce { get; init; }
}
