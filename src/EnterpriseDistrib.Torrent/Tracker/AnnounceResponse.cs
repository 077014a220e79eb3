using System.Collections.Immutable;
using System.Net;

namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>A tracker's successful answer to an announce.</summary>
/// <param name="Interval">How long to wait before the next regular announce.</param>
/// <param name="MinInterval">The tracker's floor for announces (<c>min interval</c>), when it sent one.</param>
/// <param name="Peers">IPv4 and IPv6 peers, port 0 already dropped.</param>
public sealed record AnnounceResponse(TimeSpan Interval, TimeSpan? MinInterval, ImmutableArray<IPEndPoint> Peers)
{
    /// <summary>The tracker's <c>warning message</c>: the announce worked but something needs attention.</summary>
    public string? WarningMessage { get; init; }

    /// <summary>Seeders (<c>complete</c>), when reported.</summary>
    public long? Complete { get; init; }

    /// <summary>Leechers (<c>incomplete</c>), when reported.</summary>
    public long? Incomplete { get; init; }

    /// <summary>A <c>tracker id</c> to send back on later announces.</summary>
    public string? TrackerId { get; init; }

    /// <summary>
    /// BEP 19 base URLs our tracker hands the site's WAN fetcher (<c>x-edist-web-seeds</c>); empty when the key is
    /// absent or was ignored. A later answer without them means this peer should stop using them.
    /// </summary>
    public ImmutableArray<Uri> WebSeeds { get; init; } = [];

    /// <summary>Why <c>x-edist-web-seeds</c> was ignored (malformed, too many, not http/https); null when it was not.</summary>
    public string? WebSeedsWarning { get; init; }
}
