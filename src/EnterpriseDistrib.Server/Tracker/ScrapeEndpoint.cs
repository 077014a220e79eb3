using EnterpriseDistrib.ControlPlane.Abstractions.Swarms;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Server.Tracker;

/// <summary><c>GET /scrape/{passkey}</c> (BEP 48): counters of the asked info-hashes that are assigned to the agent; others are left out.</summary>
internal static class ScrapeEndpoint
{
    /// <summary>Most info-hashes one scrape may name (a bound on the work one request causes).</summary>
    public const int MaxInfoHashes = 64;

    public static async Task HandleAsync(
        HttpContext http, string passkey, PasskeyCodec passkeys, TrackerDirectory directory, TrackerOptions options, IGrainFactory grains, TimeProvider time)
    {
        if (!TryParse(http.Request.QueryString.Value, out var asked, out var malformed))
        {
            await AnnounceEndpoint.RefuseAsync(http, malformed);
            return;
        }

        if (!passkeys.TryRead(passkey, out var agentId))
        {
            await AnnounceEndpoint.RefuseAsync(http, "unknown passkey: use the announce URL from your assignments");
            return;
        }

        var agent = await directory.GetAgentAsync(agentId, http.RequestAborted);
        if (!agent.Exists || agent.Revoked)
        {
            await AnnounceEndpoint.RefuseAsync(http, agent.Exists ? "this agent has been revoked" : "unknown agent: enroll again");
            return;
        }

        var assignments = await directory.GetAssignmentsAsync(http.RequestAborted);
        var now = time.GetUtcNow();
        var files = new SortedDictionary<byte[], SwarmCounts>(ByteOrder.Instance);
        foreach (var infoHash in asked)
        {
            if (assignments.TryGetAssigned(agent.SiteId, infoHash, out _))
            {
                files[infoHash.ToArray()] = await grains.GetGrain<IPackageSwarmGrain>(infoHash.ToHex()).Counts(now, options.PeerTimeout);
            }
        }

        http.Response.ContentType = "text/plain";
        var writer = new TrackerResponse(http.Response.BodyWriter);
        writer.Raw("d"u8);
        writer.String("files"u8);
        writer.Raw("d"u8);
        foreach (var (key, counts) in files)
        {
            writer.String(key);
            writer.Raw("d"u8);
            writer.String("complete"u8);
            writer.Integer(counts.Complete);
            writer.String("downloaded"u8);
            writer.Integer(counts.Downloaded);
            writer.String("incomplete"u8);
            writer.Integer(counts.Incomplete);
            writer.Raw("e"u8);
        }

        writer.Raw("ee"u8);
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }

    private static bool TryParse(ReadOnlySpan<char> rawQuery, out List<InfoHash> infoHashes, out string failure)
    {
        infoHashes = [];
        failure = "";
        Span<byte> bytes = stackalloc byte[32];
        foreach (var (name, value) in new RawQuery(rawQuery))
        {
            if (!name.SequenceEqual("info_hash"))
            {
                continue;
            }

            if (!RawQuery.TryDecode(value, bytes, out var length) || length != InfoHash.Length)
            {
                failure = "info_hash must be 20 bytes, percent-encoded";
                return false;
            }

            if (infoHashes.Count == MaxInfoHashes)
            {
                failure = $"at most {MaxInfoHashes} info_hash values per scrape";
                return false;
            }

            infoHashes.Add(new InfoHash(bytes[..InfoHash.Length]));
        }

        // A scrape of everything would list other agents' packages: this private tracker requires info_hash.
        failure = infoHashes.Count == 0 ? "name the torrents to scrape with info_hash" : "";
        return infoHashes.Count > 0;
    }

    /// <summary>Bencode dictionary order: raw bytes, unsigned.</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static ByteOrder Instance { get; } = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
