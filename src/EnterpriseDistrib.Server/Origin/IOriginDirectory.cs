using System.Net;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Server.Origin;

/// <summary>What the tracker needs to know of the origin seeder when it hands the origin to WAN fetchers.</summary>
public interface IOriginDirectory
{
    /// <summary>The origin's peer listener as agents reach it; null while it is not listening.</summary>
    IPEndPoint? PeerEndpoint { get; }

    /// <summary>Whether the origin seeds the verified content of <paramref name="infoHash"/>.</summary>
    bool Seeds(InfoHash infoHash);
}
