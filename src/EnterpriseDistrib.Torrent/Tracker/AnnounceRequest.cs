using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>What one announce tells the tracker (BEP 3 §"Trackers", BEP 23 <c>compact</c>).</summary>
/// <param name="InfoHash">The torrent.</param>
/// <param name="PeerId">Our 20-byte peer id.</param>
/// <param name="Port">The port our peer listener accepts on.</param>
public sealed record AnnounceRequest(InfoHash InfoHash, ReadOnlyMemory<byte> PeerId, int Port)
{
    public long Uploaded { get; init; }

    public long Downloaded { get; init; }

    public long Left { get; init; }

    public AnnounceEvent Event { get; init; }

    /// <summary>How many peers to ask for; null leaves it to the tracker.</summary>
    public int? NumWant { get; init; } = 50;

    /// <summary>A per-session random number that lets the tracker recognise us if our address changes.</summary>
    public uint Key { get; init; }

    /// <summary>The <c>tracker id</c> a previous response asked us to send back.</summary>
    public string? TrackerId { get; init; }
}
