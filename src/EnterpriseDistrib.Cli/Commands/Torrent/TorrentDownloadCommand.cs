using System.CommandLine;
using System.Diagnostics;
using System.Net;
using EnterpriseDistrib.Cli.Terminal;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Swarm;

namespace EnterpriseDistrib.Cli.Commands.Torrent;

/// <summary>
/// <c>edist torrent download</c>: joins the torrent's swarm (its trackers and any <c>--peer</c>), exits 0
/// once every piece is verified on disk, or keeps seeding with <c>--seed-after</c> until Ctrl-C.
/// </summary>
internal static class TorrentDownloadCommand
{
    public static Command Create()
    {
        var torrent = new Argument<string>("torrent") { Description = "The .torrent file." };
        var folder = new Option<string>("--dir", "-d") { Description = "The folder to download into (the torrent's name becomes a child of it).", Required = true };
        var options = new SwarmOptions();
        var seedAfter = new Option<bool>("--seed-after") { Description = "Keep seeding after the download completes, until Ctrl-C." };
        var command = new Command("download", "Download a torrent with our engine (and optionally keep seeding).") { torrent, folder, seedAfter };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!options.TryRead(parse, out var settings, out var torrentOptions, out var error))
            {
                return CliErrors.Fail(error);
            }

            var metainfo = await TorrentMetainfo.LoadAsync(parse.GetValue(torrent)!, cancellationToken);
            var root = parse.GetValue(folder)!;
            Directory.CreateDirectory(root);
            await using var engine = new SwarmEngine(settings);
            var clock = Stopwatch.StartNew();
            var session = await engine.AddTorrentAsync(metainfo, root, torrentOptions, cancellationToken);
            Console.Error.WriteLine($"edist: {metainfo.Name}: listening on {engine.ListenEndPoint}, {session.CheckOutcome!.Have.TrueCount} of {metainfo.Layout.PieceCount} pieces already verified.");
            var reporter = new SwarmProgressLine(session);
            try
            {
                await reporter.RunUntilAsync(session.Completion, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                reporter.Finish();
                Console.Error.WriteLine($"edist: stopped at {session.Progress.Fraction:P1}; run the same command again to resume.");
                return CliErrors.Cancelled;
            }

            reporter.Finish();
            if (session.FaultReason is { } fault)
            {
                return CliErrors.Fail(fault, CliErrors.Failure);
            }

            var elapsed = clock.Elapsed;
            Console.Error.WriteLine($"edist: complete: {ByteSize.Format(metainfo.Layout.TotalLength)} verified in {elapsed.TotalSeconds:F1} s ({ByteSize.Format((long)(session.Statistics.BytesReceived / Math.Max(elapsed.TotalSeconds, 0.001)))}/s).");
            if (parse.GetValue(seedAfter))
            {
                Console.Error.WriteLine("edist: seeding until Ctrl-C.");
                try
                {
                    await reporter.RunUntilAsync(Task.Delay(Timeout.Infinite, cancellationToken), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    reporter.Finish();
                }
            }

            return 0;
        });
        return command;
    }
}

/// <summary>The options <c>download</c> and <c>seed</c> share: where to bind, which peers, what limits.</summary>
internal sealed class SwarmOptions
{
    private readonly Option<string?> _bind = new("--bind") { Description = "Local IP address for listening and for every outgoing connection (peers and trackers)." };
    private readonly Option<int> _port = new("--port", "-p") { Description = "Listen port (default: any free port)." };
    private readonly Option<string[]> _peers = new("--peer") { Description = "A peer to connect to, as ip:port; repeat for several." };
    private readonly Option<string?> _downloadLimit = new("--download-limit") { Description = "Download limit per second (e.g. 50MiB); default unlimited." };
    private readonly Option<string?> _uploadLimit = new("--upload-limit") { Description = "Upload limit per second (e.g. 50MiB); default unlimited." };
    private readonly Option<string?> _resumeDir = new("--resume-dir") { Description = "Where fast-resume data is kept (default: <dir>/.edist-resume)." };
    private readonly Option<bool> _noTrackers = new("--no-trackers") { Description = "Do not announce to the torrent's trackers; use --peer only." };

    public void AddTo(Command command)
    {
        command.Options.Add(_bind);
        command.Options.Add(_port);
        command.Options.Add(_peers);
        command.Options.Add(_downloadLimit);
        command.Options.Add(_uploadLimit);
        command.Options.Add(_resumeDir);
        command.Options.Add(_noTrackers);
    }

    public bool TryRead(ParseResult parse, out EngineSettings settings, out TorrentOptions options, out string error)
    {
        settings = new EngineSettings();
        options = new TorrentOptions();
        error = string.Empty;
        var bindAddress = IPAddress.Any;
        if (parse.GetValue(_bind) is { } bind && !IPAddress.TryParse(bind, out bindAddress!))
        {
            error = $"--bind '{bind}' is not an IP address.";
            return false;
        }

        var port = parse.GetValue(_port);
        if (port is < 0 or > ushort.MaxValue)
        {
            error = $"--port {port} is not a port number (0-65535).";
            return false;
        }

        List<IPEndPoint> peers = [];
        foreach (var text in parse.GetValue(_peers) ?? [])
        {
            if (!IPEndPoint.TryParse(text, out var endPoint) || endPoint.Port == 0)
            {
                error = $"--peer '{text}' is not ip:port.";
                return false;
            }

            peers.Add(endPoint);
        }

        long downloadLimit = 0;
        long uploadLimit = 0;
        if ((parse.GetValue(_downloadLimit) is { } down && !ByteSize.TryParse(down, out downloadLimit))
            || (parse.GetValue(_uploadLimit) is { } up && !ByteSize.TryParse(up, out uploadLimit)))
        {
            error = "--download-limit and --upload-limit take a size per second such as 500KiB or 50MiB.";
            return false;
        }

        settings = new EngineSettings
        {
            BindAddress = bindAddress,
            ListenPort = port,
            DownloadRateLimit = downloadLimit,
            UploadRateLimit = uploadLimit,
        };
        options = new TorrentOptions
        {
            Peers = [.. peers],
            ResumeFolder = parse.GetValue(_resumeDir),
            UseTrackers = !parse.GetValue(_noTrackers),
        };
        return true;
    }
}

/// <summary>
/// Progress and rates on standard error: one redrawn line on a terminal, a line every 5 s when
/// redirected (logs).
/// </summary>
internal sealed class SwarmProgressLine(TorrentSession session)
{
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private long _lastReceived;
    private long _lastSent;
    private bool _drawn;

    public async Task RunUntilAsync(Task done, CancellationToken cancellationToken)
    {
        var interval = _interactive ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);
        using var timer = new PeriodicTimer(interval);
        var tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
        while (true)
        {
            var first = await Task.WhenAny(done, tick);
            if (first == done)
            {
                await done;
                return;
            }

            await tick;
            Draw(interval);
            tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
        }
    }

    public void Finish()
    {
        if (_interactive && _drawn)
        {
            Console.Error.WriteLine();
        }
    }

    private void Draw(TimeSpan interval)
    {
        var progress = session.Progress;
        var down = (progress.BytesReceived - _lastReceived) / interval.TotalSeconds;
        var up = (progress.BytesSent - _lastSent) / interval.TotalSeconds;
        _lastReceived = progress.BytesReceived;
        _lastSent = progress.BytesSent;
        var line = $"{progress.State,-11} {progress.Fraction,7:P1}  {ByteSize.Format(progress.VerifiedBytes)}/{ByteSize.Format(progress.TotalBytes)}  down {ByteSize.Format((long)down)}/s  up {ByteSize.Format((long)up)}/s  peers {progress.Peers}";
        if (_interactive)
        {
            Console.Error.Write("\r" + line.PadRight(Math.Min(Console.BufferWidth - 1, 100)));
        }
        else
        {
            Console.Error.WriteLine(line);
        }

        _drawn = true;
    }
}
