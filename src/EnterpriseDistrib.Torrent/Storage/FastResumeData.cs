using System.Collections.Immutable;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Pieces;

namespace EnterpriseDistrib.Torrent.Storage;

/// <summary>
/// A torrent's verified-and-flushed pieces plus the stamp of each of its files at that moment, so a
/// restart can trust those pieces without hashing them again unless a file changed since.
/// </summary>
/// <param name="VerifiedPieces">Pieces that passed their hash and were on disk (fsynced) when saved.</param>
/// <param name="Files">One stamp per file, in torrent order, taken after the flush.</param>
public sealed record FastResumeData(InfoHash InfoHash, Bitfield VerifiedPieces, ImmutableArray<FileStamp> Files);
