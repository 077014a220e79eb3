using System.Collections.Concurrent;
using System.Net;
using EnterpriseDistrib.Server.Origin;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Server.Tests.Tracker;

/// <summary>The tracker tests' origin: a real engine's listener (or any endpoint) that tests say seeds given info-hashes.</summary>
internal sealed class TestOrigin : IOriginDirectory
{
    private readonly ConcurrentDictionary<InfoHash, bool> _seeded = new();

    public IPEndPoint? PeerEndpoint { get; set; }

    public bool Seeds(InfoHash infoHash) => _seeded.ContainsKey(infoHash);

    public void Seed(InfoHash infoHash) => _seeded[infoHash] = true;
}
