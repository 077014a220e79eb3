using EnterpriseDistrib.Torrent.Pieces;

namespace EnterpriseDistrib.Torrent.Hashing;

/// <summary>Consecutive pieces one worker reads and hashes in one go, so its reads stay sequential.</summary>
internal readonly record struct PieceRun(int First, int Count)
{
    /// <summary>Bytes of content a run aims to cover: one piece at least, several when pieces are small.</summary>
    internal const int TargetBytes = 4 << 20;

    /// <summary>
    /// Cuts the selected pieces (all when <paramref name="only"/> is null) into runs of consecutive
    /// pieces, each at most about <see cref="TargetBytes"/> long, in ascending order.
    /// </summary>
    public static List<PieceRun> Plan(int pieceCount, int pieceLength, Bitfield? only)
    {
        if (only is not null && only.Length != pieceCount)
        {
            throw new ArgumentException($"The selection covers {only.Length} pieces, not {pieceCount}.", nameof(only));
        }

        var perRun = Math.Max(1, TargetBytes / pieceLength);
        var runs = new List<PieceRun>();
        var first = -1;
        for (var piece = 0; piece <= pieceCount; piece++)
        {
            var selected = piece < pieceCount && (only is null || only[piece]);
            if (first >= 0 && (!selected || piece - first == perRun))
            {
                runs.Add(new PieceRun(first, piece - first));
                first = -1;
            }

            if (selected && first < 0)
            {
                first = piece;
            }
        }

        return runs;
    }
}
