using System.Globalization;
using System.Text;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>Builds announce and scrape URLs: the query string of BEP 3 and the scrape convention of BEP 48.</summary>
public static class TrackerUrls
{
    private const string AnnounceSegment = "announce";
    private const string ScrapeSegment = "scrape";
    private const string HexUpper = "0123456789ABCDEF";

    /// <summary>The announce URL with the request's parameters appended to whatever query (e.g. a passkey) it already has.</summary>
    public static Uri BuildAnnounceUri(Uri announceUrl, AnnounceRequest request)
    {
        ArgumentNullException.ThrowIfNull(announceUrl);
        ArgumentNullException.ThrowIfNull(request);
        if (request.PeerId.Length != 20)
        {
            throw new ArgumentException($"A peer id is 20 bytes, not {request.PeerId.Length}.", nameof(request));
        }

        var query = new StringBuilder(256);
        Span<byte> hash = stackalloc byte[InfoHash.Length];
        request.InfoHash.CopyTo(hash);
        Append(query, "info_hash");
        PercentEncode(hash, query);
        Append(query, "peer_id");
        PercentEncode(request.PeerId.Span, query);
        Append(query, "port", request.Port);
        Append(query, "uploaded", request.Uploaded);
        Append(query, "downloaded", request.Downloaded);
        Append(query, "left", request.Left);
        Append(query, "compact");
        query.Append('1');
        Append(query, "no_peer_id");
        query.Append('1');
        Append(query, "key");
        query.Append(request.Key.ToString("X8", CultureInfo.InvariantCulture));
        if (request.NumWant is { } numWant)
        {
            Append(query, "numwant", numWant);
        }

        if (request.Event != AnnounceEvent.None)
        {
            Append(query, "event");
            query.Append(request.Event switch
            {
                AnnounceEvent.Started => "started",
                AnnounceEvent.Completed => "completed",
                AnnounceEvent.Stopped => "stopped",
                _ => throw new ArgumentOutOfRangeException(nameof(request), request.Event, "Unknown announce event."),
            });
        }

        if (request.TrackerId is { Length: > 0 } trackerId)
        {
            Append(query, "trackerid");
            PercentEncode(Encoding.UTF8.GetBytes(trackerId), query);
        }

        return WithExtraQuery(announceUrl, query);
    }

    /// <summary>A scrape URL with one <c>info_hash</c> parameter per torrent.</summary>
    public static Uri BuildScrapeUri(Uri scrapeUrl, IEnumerable<InfoHash> infoHashes)
    {
        ArgumentNullException.ThrowIfNull(scrapeUrl);
        ArgumentNullException.ThrowIfNull(infoHashes);
        var query = new StringBuilder(64);
        Span<byte> hash = stackalloc byte[InfoHash.Length];
        foreach (var infoHash in infoHashes)
        {
            infoHash.CopyTo(hash);
            Append(query, "info_hash");
            PercentEncode(hash, query);
        }

        return WithExtraQuery(scrapeUrl, query);
    }

    /// <summary>
    /// Derives the scrape URL by the BEP 48 convention: a last path segment starting with <c>announce</c> becomes
    /// <c>scrape</c> (<c>/announce.php</c> → <c>/scrape.php</c>); a passkey after it (<c>/announce/KEY</c>) stays
    /// (<c>/scrape/KEY</c>). The query string is kept. False when the tracker follows neither form.
    /// </summary>
    public static bool TryGetScrapeUri(Uri announceUrl, out Uri? scrapeUrl)
    {
        ArgumentNullException.ThrowIfNull(announceUrl);
        scrapeUrl = null;
        var path = announceUrl.AbsolutePath;
        var segments = path.Split('/');
        var index = segments.Length - 1;
        if (!segments[index].StartsWith(AnnounceSegment, StringComparison.Ordinal))
        {
            index--;
            if (index < 1 || segments[index] != AnnounceSegment)
            {
                return false;
            }
        }

        segments[index] = ScrapeSegment + segments[index][AnnounceSegment.Length..];
        scrapeUrl = new Uri(announceUrl.GetLeftPart(UriPartial.Authority) + string.Join('/', segments) + announceUrl.Query);
        return true;
    }

    /// <summary>Percent-encodes every byte that is not RFC 3986 unreserved (ALPHA, DIGIT, '-', '.', '_', '~').</summary>
    public static void PercentEncode(ReadOnlySpan<byte> bytes, StringBuilder destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        foreach (var b in bytes)
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                destination.Append((char)b);
            }
            else
            {
                destination.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }
    }

    private static Uri WithExtraQuery(Uri baseUrl, StringBuilder query)
    {
        // query starts with '&'; it becomes the first parameter unless the URL already has some (e.g. a passkey).
        var existing = baseUrl.Query;
        var added = existing.Length > 1 ? query.ToString() : query.ToString(1, query.Length - 1);
        return new Uri(baseUrl.GetLeftPart(UriPartial.Path) + (existing.Length > 1 ? existing : "?") + added);
    }

    private static void Append(StringBuilder query, string name)
    {
        query.Append('&').Append(name).Append('=');
    }

    private static void Append(StringBuilder query, string name, long value)
    {
        Append(query, name);
        query.Append(value.ToString(CultureInfo.InvariantCulture));
    }
}
