using System.Numerics;

namespace EnterpriseDistrib.Torrent.Metainfo;

/// <summary>Which piece lengths we create and accept, and the automatic choice for a given content size.</summary>
public static class PieceLengthPolicy
{
    /// <summary>Smallest piece length we create or accept: one BEP 3 block.</summary>
    public const int MinPieceLength = 16 * 1024;

    /// <summary>Largest piece length we accept; a verified piece is held in memory, so it is bounded.</summary>
    public const int MaxPieceLength = 64 * 1024 * 1024;

    /// <summary>Smallest piece length chosen automatically.</summary>
    public const int MinAutomaticPieceLength = 256 * 1024;

    /// <summary>Largest piece length chosen automatically.</summary>
    public const int MaxAutomaticPieceLength = 16 * 1024 * 1024;

    /// <summary>Most pieces the automatic choice aims for; it then lands between half this and this.</summary>
    public const int TargetMaxPieceCount = 3000;

    /// <summary>
    /// The smallest power of two from 256 KiB to 16 MiB that cuts <paramref name="totalLength"/> into at
    /// most ~3,000 pieces: a few thousand pieces keep the metainfo small and the swarm's bitfields short
    /// while leaving enough pieces to spread among peers. 100 GB still gives under 6,000 pieces.
    /// </summary>
    public static int Choose(long totalLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalLength);
        var wanted = (totalLength + TargetMaxPieceCount - 1) / TargetMaxPieceCount;
        if (wanted <= MinAutomaticPieceLength)
        {
            return MinAutomaticPieceLength;
        }

        if (wanted >= MaxAutomaticPieceLength)
        {
            return MaxAutomaticPieceLength;
        }

        return (int)BitOperations.RoundUpToPowerOf2((ulong)wanted);
    }

    /// <summary>True for a power of two from <see cref="MinPieceLength"/> to <see cref="MaxPieceLength"/>.</summary>
    public static bool IsValid(long pieceLength) =>
        pieceLength is >= MinPieceLength and <= MaxPieceLength && BitOperations.IsPow2(pieceLength);
}
