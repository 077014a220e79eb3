using EnterpriseDistrib.ControlPlane.Abstractions.Swarms;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Server.Tracker;

/// <summary>A well-formed BEP 3 announce query. A client's <c>ip=</c> is read past on purpose: the address is the connection's.</summary>
internal readonly record struct AnnounceQuery(
    InfoHash InfoHash, int Port, long Uploaded, long Downloaded, long Left, SwarmEvent Event, int? NumWant)
{
    /// <summary>Parses the raw (still percent-encoded) query; on failure, <paramref name="failure"/> is the reason sent back.</summary>
    public static bool TryParse(ReadOnlySpan<char> rawQuery, out AnnounceQuery query, out string failure)
    {
        query = default;
        InfoHash? infoHash = null;
        var peerIdSeen = false;
        int? port = null;
        long uploaded = 0, downloaded = 0;
        long? left = null;
        var swarmEvent = SwarmEvent.None;
        int? numWant = null;
        Span<byte> bytes = stackalloc byte[64];
        foreach (var (name, value) in new RawQuery(rawQuery))
        {
            switch (name)
            {
                case "info_hash":
                    if (infoHash is not null)
                    {
                        failure = "info_hash is given twice; announce one torrent at a time";
                        return false;
                    }

                    if (!RawQuery.TryDecode(value, bytes, out var length) || length != InfoHash.Length)
                    {
                        failure = "info_hash must be 20 bytes, percent-encoded";
                        return false;
                    }

                    infoHash = new InfoHash(bytes[..InfoHash.Length]);
                    break;
                case "peer_id":
                    if (!RawQuery.TryDecode(value, bytes, out var peerIdLength) || peerIdLength != 20)
                    {
                        failure = "peer_id must be 20 bytes, percent-encoded";
                        return false;
                    }

                    peerIdSeen = true;
                    break;
                case "port":
                    if (!int.TryParse(value, System.Globalization.NumberStyles.None, null, out var p) || p is < 1 or > 65535)
                    {
                        failure = "port must be a number from 1 to 65535";
                        return false;
                    }

                    port = p;
                    break;
                case "uploaded" when !TryCounter(value, out uploaded):
                case "downloaded" when !TryCounter(value, out downloaded):
                    failure = $"{name.ToString()} must be a non-negative number of bytes";
                    return false;
                case "left":
                    if (!TryCounter(value, out var l))
                    {
                        failure = "left must be a non-negative number of bytes";
                        return false;
                    }

                    left = l;
                    break;
                case "numwant":
                    if (!int.TryParse(value, System.Globalization.NumberStyles.None, null, out var n) || n > 100_000)
                    {
                        failure = "numwant must be a number from 0 to 100000";
                        return false;
                    }

                    numWant = n;
                    break;
                case "event":
                    if (!TryEvent(value, out swarmEvent))
                    {
                        failure = "event must be started, completed, stopped or empty";
                        return false;
                    }

                    break;
            }
        }

        failure = infoHash is null ? "info_hash is missing"
            : !peerIdSeen ? "peer_id is missing"
            : port is null ? "port is missing"
            : left is null ? "left is missing"
            : "";
        if (failure.Length > 0)
        {
            return false;
        }

        query = new AnnounceQuery(infoHash!.Value, port!.Value, uploaded, downloaded, left!.Value, swarmEvent, numWant);
        return true;
    }

    private static bool TryCounter(ReadOnlySpan<char> value, out long counter) =>
        long.TryParse(value, System.Globalization.NumberStyles.None, null, out counter);

    private static bool TryEvent(ReadOnlySpan<char> value, out SwarmEvent swarmEvent)
    {
        swarmEvent = value switch
        {
            "" or "empty" => SwarmEvent.None,
            "started" => SwarmEvent.Started,
            "completed" => SwarmEvent.Completed,
            "stopped" => SwarmEvent.Stopped,
            _ => (SwarmEvent)(-1),
        };
        return swarmEvent >= 0;
    }
}
