using System.Collections.Immutable;

namespace EnterpriseDistrib.Torrent.Metainfo;

/// <summary>
/// What storage, hashing and the swarm need to know about a torrent's content: its files, in order,
/// and how the concatenated bytes are cut into pieces of <see cref="PieceLength"/> with one SHA-1 each.
/// </summary>
public sealed record ContentLayout
{
    public const int PieceHashLength = 20;

    public ContentLayout(int pieceLength, ImmutableArray<FileEntry> files, ReadOnlyMemory<byte> pieceHashes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pieceLength);
        PieceLength = pieceLength;
        Files = files;
        PieceHashes = pieceHashes;
        TotalLength = files.IsDefaultOrEmpty ? 0 : files[^1].End;
        PieceCount = (int)((TotalLength + pieceLength - 1) / pieceLength);
        if (pieceHashes.Length != PieceCount * PieceHashLength)
        {
            throw new ArgumentException(
                $"{TotalLength} bytes in pieces of {pieceLength} make {PieceCount} pieces, which need {PieceCount * PieceHashLength} bytes of hashes, not {pieceHashes.Length}.",
                nameof(pieceHashes));
        }
    }

    public int PieceLength { get; }

    public ImmutableArray<FileEntry> Files { get; }

    /// <summary>The concatenated 20-byte SHA-1 of every piece, in order (the <c>pieces</c> key of BEP 3).</summary>
    public ReadOnlyMemory<byte> PieceHashes { get; }

    public long TotalLength { get; }

    public int PieceCount { get; }

    /// <summary>The length of piece <paramref name="index"/>; only the last piece may be shorter.</summary>
    public int GetPieceSize(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, PieceCount);
        return index < PieceCount - 1 ? PieceLength : (int)(TotalLength - ((long)index * PieceLength));
    }

    public long GetPieceOffset(int index) => (long)index * PieceLength;

    public ReadOnlySpan<byte> GetPieceHash(int index) =>
        PieceHashes.Span.Slice(index * PieceHashLength, PieceHashLength);
}
