using System.Text;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Pieces;

namespace EnterpriseDistrib.Server.Origin;

/// <summary>Bytes of one file to send again: <paramref name="Length"/> bytes from <paramref name="Offset"/> within the file at <paramref name="Path"/>.</summary>
public sealed record FileRange(string Path, long Offset, long Length);

/// <summary>Why the origin refused a version's content: the pieces whose hash did not match, and the file ranges holding them.</summary>
public sealed record ContentRefusal(IReadOnlyList<int> BadPieces, int PieceCount, IReadOnlyList<FileRange> Resend)
{
    private const int PiecesNamed = 50;

    /// <summary>The pieces not set in <paramref name="verified"/>, mapped onto the files they span.</summary>
    public static ContentRefusal From(ContentLayout layout, Bitfield verified)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(verified);
        var bad = Enumerable.Range(0, layout.PieceCount).Where(p => !verified[p]).ToList();
        var ranges = new List<FileRange>();
        foreach (var piece in bad)
        {
            var start = layout.GetPieceOffset(piece);
            var end = start + layout.GetPieceSize(piece);
            foreach (var file in layout.Files)
            {
                var from = Math.Max(start, file.Offset);
                var to = Math.Min(end, file.End);
                if (from >= to)
                {
                    continue;
                }

                var path = string.Join('/', file.Path);
                var range = new FileRange(path, from - file.Offset, to - from);

                // Neighbouring bad pieces in one file make one range to send.
                if (ranges.Count > 0 && ranges[^1] is { } last && last.Path == path && last.Offset + last.Length == range.Offset)
                {
                    ranges[^1] = last with { Length = last.Length + range.Length };
                }
                else
                {
                    ranges.Add(range);
                }
            }
        }

        return new ContentRefusal(bad, layout.PieceCount, ranges);
    }

    /// <summary>One paragraph a publisher can act on (kept in the catalog; the full lists are in the content status).</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(BadPieces.Count).Append(" of ").Append(PieceCount).Append(" pieces did not match the torrent's hashes: ");
        text.AppendJoin(", ", BadPieces.Take(PiecesNamed));
        if (BadPieces.Count > PiecesNamed)
        {
            text.Append(" and ").Append(BadPieces.Count - PiecesNamed).Append(" more");
        }

        text.Append(". Send these byte ranges again (edist publish does it when run again): ");
        text.AppendJoin("; ", Resend.Take(10).Select(r => $"{r.Path} bytes {r.Offset}-{r.Offset + r.Length - 1}"));
        if (Resend.Count > 10)
        {
            text.Append($"; and {Resend.Count - 10} more ranges");
        }

        return text.Append('.').ToString();
    }
}
