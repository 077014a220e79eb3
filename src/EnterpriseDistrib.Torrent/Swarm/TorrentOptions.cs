using System.Collections.Immutable;
using System.Net;

namespace EnterpriseDistrib.Torrent.Swarm;

/// <summary>Per-torrent choices when adding it to a <see cref="SwarmEngine"/>.</summary>
public sealed record TorrentOptions
{
    /// <summary>Where fast-resume data is kept; null puts it in <c>.edist-resume</c> under the download folder.</summary>
    public string? ResumeFolder { get; init; }

    /// <summary>Announce to the torrent's trackers (the normal case); off for swarms given peers directly.</summary>
    public bool UseTrackers { get; init; } = true;

    /// <summary>
    /// Trackers to announce to instead of the torrent's own <c>announce</c>/<c>announce-list</c>, when not empty (one
    /// tier, tried in order): the agent passes its per-agent passkey URL here.
    /// </summary>
    public ImmutableArray<Uri> AnnounceUrls { get; init; } = [];

    /// <summary>Peers to connect to besides the trackers' (<c>--peer</c>); reconnected if they drop.</summary>
    public ImmutableArray<IPEndPoint> Peers { get; init; } = [];

    /// <summary>This torrent's download limit in bytes per second; 0 = unlimited (the engine's global limit still applies).</summary>
    public long DownloadRateLimit { get; init; }

    public long UploadRateLimit { get; init; }

    /// <summary>
    /// Only seed: content that does not fully verify is refused (<see cref="IncompleteContentException"/>)
    /// instead of completed, and nothing is created on disk.
    /// </summary>
    public bool SeedOnly { get; init; }

    /// <summary>Receives the bytes examined by the start-up check.</summary>
    public IProgress<long>? CheckProgress { get; init; }

    /// <summary>How the announce loop paces itself; tests shorten the intervals.</summary>
    internal Tracker.TrackerAnnouncerOptions? AnnouncerOptions { get; init; }
}
