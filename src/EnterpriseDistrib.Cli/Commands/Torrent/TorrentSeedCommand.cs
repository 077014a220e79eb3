using System.CommandLine;
using EnterpriseDistrib.Cli.Terminal;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Swarm;

namespace EnterpriseDistrib.Cli.Commands.Torrent;

/// <summary>
/// <c>edist torrent seed</c>: checks the content (trusting fast-resume data where files are unchanged)
/// and seeds it until Ctrl-C; refuses content that does not fully verify.
/// </summary>
internal static class TorrentSeedCommand
{
    public static Command Create()
    {
        var torrent = new Argument<string>("torrent") { Description = "The .torrent file." };
        var folder = new Option<string>("--dir", "-d") { Description = "The folder holding the content (the torrent's name is a child of it).", Required = true };
        var options = new SwarmOptions();
        var command = new Command("seed", "Verify a torrent's content and seed it until stopped.") { torrent, folder };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!options.TryRead(parse, out var settings, out var torrentOptions, out var error))
            {
                return CliErrors.Fail(error);
            }

            var metainfo = await TorrentMetainfo.LoadAsync(parse.GetValue(torrent)!, cancellationToken);
            var root = parse.GetValue(folder)!;
            if (!Directory.Exists(root))
            {
                return CliErrors.Fail($"'{root}' is not a folder.");
            }

            await using var engine = new SwarmEngine(settings);
            try
            {
                using var progress = new ProgressBar("Checking", metainfo.Layout.TotalLength);
                await engine.AddTorrentAsync(metainfo, root, torrentOptions with { CheckProgress = progress, SeedOnly = true }, cancellationToken);
            }
            catch (IncompleteContentException incomplete)
            {
                return CliErrors.Fail(
                    $"only {incomplete.VerifiedPieces} of {incomplete.PieceCount} pieces of {metainfo.Name} verify under '{root}'; run 'edist torrent verify' for details or 'edist torrent download' to complete it.",
                    TorrentVerifyCommand.PiecesBad);
            }

            var session = engine.Torrents.Single();
            Console.Error.WriteLine($"edist: seeding {metainfo.Name} ({ByteSize.Format(metainfo.Layout.TotalLength)}) on {engine.ListenEndPoint} until Ctrl-C.");
            var reporter = new SwarmProgressLine(session);
            try
            {
                await reporter.RunUntilAsync(Task.Delay(Timeout.Infinite, cancellationToken), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                reporter.Finish();
            }

            return 0;
        });
        return command;
    }
}
