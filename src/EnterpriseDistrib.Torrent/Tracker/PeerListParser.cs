using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Net;
using System.Text;
using EnterpriseDistrib.Torrent.Bencoding;

namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>Reads the peer lists of an announce answer: BEP 23 compact IPv4, BEP 7 <c>peers6</c> and BEP 3 dictionaries.</summary>
internal static class PeerListParser
{
    private const int CompactIPv4Length = 6;
    private const int CompactIPv6Length = 18;

    /// <summary>Adds the peers of <c>peers</c> (a compact string or a list of dictionaries); port 0 is dropped.</summary>
    public static void AddPeers(BencodeValue value, Uri? trackerUrl, ImmutableArray<IPEndPoint>.Builder peers)
    {
        switch (value)
        {
            case BencodeString compact:
                AddCompact(compact.Bytes.Span, CompactIPv4Length, "peers", trackerUrl, peers);
                break;
            case BencodeList list:
                foreach (var item in list)
                {
                    if (item is not BencodeDictionary entry)
                    {
                        throw new TrackerProtocolException(trackerUrl, "an entry of the peers list is not a dictionary");
                    }

                    AddDictionaryPeer(entry, trackerUrl, peers);
                }

                break;
            default:
                throw new TrackerProtocolException(trackerUrl, "peers is neither a string nor a list");
        }
    }

    /// <summary>Adds the BEP 7 compact IPv6 peers of <c>peers6</c>.</summary>
    public static void AddPeers6(BencodeValue value, Uri? trackerUrl, ImmutableArray<IPEndPoint>.Builder peers)
    {
        if (value is not BencodeString compact)
        {
            throw new TrackerProtocolException(trackerUrl, "peers6 is not a string");
        }

        AddCompact(compact.Bytes.Span, CompactIPv6Length, "peers6", trackerUrl, peers);
    }

    private static void AddCompact(ReadOnlySpan<byte> bytes, int entryLength, string key, Uri? trackerUrl, ImmutableArray<IPEndPoint>.Builder peers)
    {
        if (bytes.Length % entryLength != 0)
        {
            throw new TrackerProtocolException(trackerUrl, $"{key} is {bytes.Length} bytes, not a multiple of {entryLength}");
        }

        var addressLength = entryLength - 2;
        for (var offset = 0; offset < bytes.Length; offset += entryLength)
        {
            var entry = bytes.Slice(offset, entryLength);
            var port = BinaryPrimitives.ReadUInt16BigEndian(entry[addressLength..]);
            if (port != 0)
            {
                peers.Add(new IPEndPoint(new IPAddress(entry[..addressLength]), port));
            }
        }
    }

    // BEP 3: { "peer id": ..., "ip": "<address or DNS name>", "port": n }. We never resolve names: a tracker-only
    // private swarm hands out addresses, and a DNS lookup per peer would let a tracker make us query anything.
    private static void AddDictionaryPeer(BencodeDictionary entry, Uri? trackerUrl, ImmutableArray<IPEndPoint>.Builder peers)
    {
        try
        {
            var ip = entry.GetString("ip");
            var port = entry.GetInteger("port");
            if (ip is null || port is null)
            {
                throw new TrackerProtocolException(trackerUrl, "a peers entry lacks ip or port");
            }

            if (port is < 0 or > ushort.MaxValue)
            {
                throw new TrackerProtocolException(trackerUrl, $"a peers entry has port {port}");
            }

            if (port != 0 && IPAddress.TryParse(Encoding.ASCII.GetString(ip.Bytes.Span), out var address))
            {
                peers.Add(new IPEndPoint(address, (int)port));
            }
        }
        catch (BencodeException ex)
        {
            throw new TrackerProtocolException(trackerUrl, "a peers entry has a value of the wrong type", ex);
        }
    }
}
