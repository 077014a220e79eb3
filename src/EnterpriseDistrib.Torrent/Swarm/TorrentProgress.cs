using EnterpriseDistrib.Torrent.Swarm.Modes;

namespace EnterpriseDistrib.Torrent.Swarm;

/// <summary>A torrent's state at one moment, cheap to take for a progress line.</summary>
public sealed record TorrentProgress(
    TorrentState State,
    int VerifiedPieces,
    int PieceCount,
    long VerifiedBytes,
    long TotalBytes,
    int Peers,
    long BytesReceived,
    long BytesSent)
{
    public double Fraction => TotalBytes == 0 ? 1 : (double)VerifiedBytes / TotalBytes;
}
