using System.CommandLine;
using EnterpriseDistrib.Cli.Terminal;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Cli.Commands.Torrent;

/// <summary><c>edist torrent create</c>: hashes a file or folder and writes a .torrent.</summary>
internal static class TorrentCreateCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The file or folder to share." };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the .torrent.", Required = true };
        var pieceSize = new Option<string?>("--piece-size") { Description = "Piece size: bytes, KiB or MiB, a power of two (default: chosen from the size)." };
        var isPrivate = new Option<bool>("--private") { Description = "Mark the torrent private (BEP 27): peers come from trackers only." };
        var trackers = new Option<string[]>("--tracker", "-t") { Description = "Tracker announce URL; repeat for several.", AllowMultipleArgumentsPerToken = false };
        var webSeeds = new Option<string[]>("--web-seed", "-w") { Description = "BEP 19 web seed URL; repeat for several." };
        var name = new Option<string?>("--name") { Description = "The torrent's name (default: the file or folder name)." };
        var comment = new Option<string?>("--comment") { Description = "A free-text comment." };
        var convention = new Option<CreatorConvention>("--like") { Description = "Follow mktorrent's or transmission-create's file choices and ordering.", DefaultValueFactory = _ => CreatorConvention.Mktorrent };
        var show = new Option<bool>("--show") { Description = "Show the torrent after writing it." };

        var command = new Command("create", "Hash a file or folder and write a .torrent.")
        {
            path, output, pieceSize, isPrivate, trackers, webSeeds, name, comment, convention, show,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            int? pieceLength = null;
            if (parse.GetValue(pieceSize) is { } text)
            {
                if (!ByteSize.TryParse(text, out var bytes) || bytes > int.MaxValue || !PieceLengthPolicy.IsValid((int)bytes))
                {
                    return CliErrors.Fail($"--piece-size '{text}' is not a power of two from {ByteSize.Format(PieceLengthPolicy.MinPieceLength)} to {ByteSize.Format(PieceLengthPolicy.MaxPieceLength)} (e.g. 256KiB, 4MiB).");
                }

                pieceLength = (int)bytes;
            }

            var source = parse.GetValue(path)!;
            if (!File.Exists(source) && !Directory.Exists(source))
            {
                return CliErrors.Fail($"'{source}' is neither a file nor a folder.");
            }

            var options = new TorrentCreateOptions
            {
                PieceLength = pieceLength,
                IsPrivate = parse.GetValue(isPrivate),
                Trackers = parse.GetValue(trackers) ?? [],
                WebSeeds = parse.GetValue(webSeeds) ?? [],
                Name = parse.GetValue(name),
                Comment = parse.GetValue(comment),
                Convention = parse.GetValue(convention),
            };

            var totalBytes = ContentSize.Of(source);
            TorrentMetainfo metainfo;
            using (var progress = new ProgressBar("Hashing", totalBytes))
            {
                metainfo = await TorrentCreator.CreateAsync(source, options, progress, cancellationToken);
            }

            var destination = parse.GetValue(output)!;
            await AtomicFile.WriteAsync(destination, metainfo.TorrentBytes, cancellationToken);
            Console.WriteLine($"Wrote {destination}: info-hash {metainfo.InfoHash}, {metainfo.Layout.PieceCount} pieces of {ByteSize.Format(metainfo.Layout.PieceLength)}.");
            if (parse.GetValue(show))
            {
                TorrentShowCommand.Print(metainfo, Console.Out);
            }

            return 0;
        });
        return command;
    }
}
