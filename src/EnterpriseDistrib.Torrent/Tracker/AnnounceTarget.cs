using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>Who announces what, where: the torrent's trackers as BEP 12 tiers, and our identity in its swarm.</summary>
/// <param name="Tiers">The <c>announce-list</c> (or the single <c>announce</c> as one tier of one).</param>
/// <param name="PeerId">Our 20-byte peer id.</param>
/// <param name="Port">The port our peer listener accepts on.</param>
public sealed record AnnounceTarget(IReadOnlyList<IReadOnlyList<Uri>> Tiers, InfoHash InfoHash, ReadOnlyMemory<byte> PeerId, int Port);
