using System.CommandLine;
using EnterpriseDistrib.Cli.Terminal;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Pieces;
using EnterpriseDistrib.Torrent.Storage;

namespace EnterpriseDistrib.Cli.Commands.Torrent;

/// <summary><c>edist torrent verify</c>: re-hashes content on disk; exit code 0 only when every piece is good.</summary>
internal static class TorrentVerifyCommand
{
    /// <summary>Exit code when some piece is missing or corrupt, distinct from usage errors.</summary>
    public const int PiecesBad = 3;

    private const int MaxPiecesListed = 50;

    public static Command Create()
    {
        var torrent = new Argument<string>("torrent") { Description = "The .torrent file." };
        var folder = new Argument<string>("dir") { Description = "The folder the content was downloaded into (the torrent's name is a child of it)." };
        var command = new Command("verify", "Check content on disk against a torrent's piece hashes.") { torrent, folder };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var metainfo = await TorrentMetainfo.LoadAsync(parse.GetValue(torrent)!, cancellationToken);
            var root = parse.GetValue(folder)!;
            if (!Directory.Exists(root))
            {
                return CliErrors.Fail($"'{root}' is not a folder.");
            }

            Bitfield good;
            using (var progress = new ProgressBar("Verifying", metainfo.Layout.TotalLength))
            {
                good = await new PieceChecker().CheckAsync(metainfo.Layout, root, progress, cancellationToken);
            }

            return Report(metainfo.Layout, root, good, Console.Out);
        });
        return command;
    }

    /// <summary>Prints the verdict, the bad pieces and the files they touch; returns the exit code.</summary>
    public static int Report(ContentLayout layout, string root, Bitfield good, TextWriter output)
    {
        if (good.AllSet)
        {
            output.WriteLine($"OK: all {layout.PieceCount} pieces verify ({ByteSize.Format(layout.TotalLength)}).");
            return 0;
        }

        var bad = Enumerable.Range(0, layout.PieceCount).Where(piece => !good[piece]).ToList();
        output.WriteLine($"FAILED: {bad.Count} of {layout.PieceCount} pieces are missing or corrupt.");
        output.WriteLine("Bad pieces: " + string.Join(", ", bad.Take(MaxPiecesListed)) + (bad.Count > MaxPiecesListed ? $", … ({bad.Count - MaxPiecesListed} more)" : string.Empty));
        foreach (var (file, badPieces) in FilesTouchedBy(layout, bad))
        {
            var fullPath = Path.Combine(root, file.RelativePath);
            var state = !File.Exists(fullPath) ? "missing"
                : new FileInfo(fullPath).Length != file.Length ? $"wrong size ({new FileInfo(fullPath).Length} bytes, expected {file.Length})"
                : "corrupt";
            output.WriteLine($"  {file.RelativePath}: {state}, {badPieces} bad piece(s)");
        }

        output.WriteLine("Download the torrent again into the same folder to repair it; verified pieces are kept.");
        return PiecesBad;
    }

    private static IEnumerable<(FileEntry File, int BadPieces)> FilesTouchedBy(ContentLayout layout, IReadOnlyList<int> badPieces)
    {
        foreach (var file in layout.Files)
        {
            if (file.Length == 0)
            {
                continue;
            }

            var first = (int)(file.Offset / layout.PieceLength);
            var last = (int)((file.End - 1) / layout.PieceLength);
            var count = badPieces.Count(piece => piece >= first && piece <= last);
            if (count > 0)
            {
                yield return (file, count);
            }
        }
    }
}
