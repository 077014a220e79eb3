using System.Collections.Immutable;
using System.Net;
using System.Text;
using EnterpriseDistrib.Torrent.Bencoding;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>Turns the bencoded body of an announce or scrape answer into a typed result or a typed error.</summary>
public static class TrackerResponseParser
{
    /// <summary>Parses an announce answer; throws <see cref="TrackerFailureException"/> or <see cref="TrackerProtocolException"/>.</summary>
    public static AnnounceResponse ParseAnnounce(ReadOnlyMemory<byte> body, Uri? trackerUrl = null)
    {
        var root = Decode(body, trackerUrl);
        try
        {
            ThrowIfFailure(root, trackerUrl);
            var interval = root.GetInteger("interval")
                ?? throw new TrackerProtocolException(trackerUrl, "interval is missing");
            var minInterval = root.GetInteger("min interval");
            var peers = ImmutableArray.CreateBuilder<IPEndPoint>();
            if (root.TryGetValue("peers", out var peersValue))
            {
                PeerListParser.AddPeers(peersValue, trackerUrl, peers);
            }

            if (root.TryGetValue("peers6", out var peers6Value))
            {
                PeerListParser.AddPeers6(peers6Value, trackerUrl, peers);
            }

            var (webSeeds, webSeedsWarning) = TrackerWebSeedsParser.Parse(root.TryGetValue(TrackerWebSeedsParser.Key, out var webSeedsValue) ? webSeedsValue : null);
            return new AnnounceResponse(ToSeconds(interval, "interval", trackerUrl), minInterval is { } min ? ToSeconds(min, "min interval", trackerUrl) : null, peers.ToImmutable())
            {
                WarningMessage = Text(root.GetString("warning message")),
                Complete = root.GetInteger("complete"),
                Incomplete = root.GetInteger("incomplete"),
                TrackerId = Text(root.GetString("tracker id")),
                WebSeeds = webSeeds,
                WebSeedsWarning = webSeedsWarning,
            };
        }
        catch (BencodeException ex)
        {
            throw new TrackerProtocolException(trackerUrl, "a key has a value of the wrong type", ex);
        }
    }

    /// <summary>Parses a BEP 48 scrape answer (<c>files</c>: info-hash → complete, downloaded, incomplete).</summary>
    public static ScrapeResponse ParseScrape(ReadOnlyMemory<byte> body, Uri? trackerUrl = null)
    {
        var root = Decode(body, trackerUrl);
        try
        {
            ThrowIfFailure(root, trackerUrl);
            var files = root.GetDictionary("files") ?? throw new TrackerProtocolException(trackerUrl, "files is missing");
            var result = ImmutableDictionary.CreateBuilder<InfoHash, ScrapeStatistics>();
            foreach (var (key, value) in files)
            {
                if (key.Bytes.Length != InfoHash.Length || value is not BencodeDictionary counters)
                {
                    throw new TrackerProtocolException(trackerUrl, "a files entry is not a 20-byte info-hash with a dictionary");
                }

                result[new InfoHash(key.Bytes.Span)] = new ScrapeStatistics(
                    counters.GetInteger("complete") ?? 0,
                    counters.GetInteger("downloaded") ?? 0,
                    counters.GetInteger("incomplete") ?? 0);
            }

            return new ScrapeResponse(result.ToImmutable());
        }
        catch (BencodeException ex)
        {
            throw new TrackerProtocolException(trackerUrl, "a key has a value of the wrong type", ex);
        }
    }

    private static BencodeDictionary Decode(ReadOnlyMemory<byte> body, Uri? trackerUrl)
    {
        try
        {
            return BencodeDecoder.DecodeDictionary(body, new BencodeLimits { MaxDepth = 8, MaxStringLength = body.Length });
        }
        catch (BencodeException ex)
        {
            throw new TrackerProtocolException(trackerUrl, $"the body is not a bencoded dictionary ({ex.Message})", ex);
        }
    }

    private static void ThrowIfFailure(BencodeDictionary root, Uri? trackerUrl)
    {
        if (root.GetString("failure reason") is { } reason)
        {
            throw new TrackerFailureException(trackerUrl, Text(reason)!);
        }
    }

    private static TimeSpan ToSeconds(long seconds, string key, Uri? trackerUrl) =>
        seconds is >= 0 and <= int.MaxValue
            ? TimeSpan.FromSeconds(seconds)
            : throw new TrackerProtocolException(trackerUrl, $"{key} is {seconds} seconds");

    // Tracker messages are shown to people; bad UTF-8 becomes U+FFFD rather than hiding the message.
    private static string? Text(BencodeString? value) =>
        value is null ? null : Encoding.UTF8.GetString(value.Bytes.Span);
}
