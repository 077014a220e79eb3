using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EnterpriseDistrib.Cli.Commands.Publish;
using EnterpriseDistrib.Cli.Commands.Report;

namespace EnterpriseDistrib.Cli.Commands.Lab;

/// <summary>
/// One lab: a server on its embedded defaults, one site per office on its own 127.S.0.0/16, agents as processes
/// bound to their office's addresses, a generated package published and rolled out to an office group of all
/// sites, live progress, then the WAN-savings report. Everything started is stopped at the end unless kept.
/// </summary>
internal sealed class LabRun(LabOptions options)
{
    private const string ServerAssembly = "edist.dll";
    private static readonly TimeSpan ServerStartLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ProgressPeriod = TimeSpan.FromSeconds(1);
    private const long UploadChunkBytes = 64L * 1024 * 1024;
    private const string MarkerFile = ".edist-lab";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        PrepareDataFolder();
        var server = new Uri($"http://127.0.0.1:{FreePort()}");
        // edist runs the server here; Server GC as in the server's own build (it answers every agent's announces).
        var serverProcess = LabProcess.Start("server", ServerAssembly,
            ["server", "--urls", server.ToString().TrimEnd('/'), "--data", Path.Combine(options.DataFolder, "server")],
            Path.Combine(options.DataFolder, "server.log"),
            serverGc: true);
        var agents = new LabAgents(options, server);
        var kept = false;
        try
        {
            using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
            var api = new LabApi(http);
            await WaitForServerAsync(api, serverProcess, cancellationToken);
            var token = await api.SignInAsync(cancellationToken);

            var sites = new List<Guid>();
            for (var site = 1; site <= options.Sites; site++)
            {
                sites.Add(await api.CreateSiteAsync(LabOptions.SiteName(site), LabOptions.RangeOf(site), cancellationToken));
            }

            var group = await api.CreateGroupAsync("All lab offices", sites, cancellationToken);
            Console.WriteLine($"Server {server} with {options.Sites} offices ({LabOptions.RangeOf(1)} …); starting {options.Sites * options.AgentsPerSite} agents.");
            await agents.StartAsync(await api.CreateEnrollmentTokenAsync(options.Sites * options.AgentsPerSite, cancellationToken), cancellationToken);

            var label = DateTimeOffset.UtcNow.ToString("yyyyMMdd.HHmmss", System.Globalization.CultureInfo.InvariantCulture);
            var content = await LabPackage.CreateAsync(Path.Combine(options.DataFolder, "package"), options.PackageBytes, cancellationToken);
            var publisher = new Publisher(server, token, UploadChunkBytes);
            if (await publisher.RunAsync(content, LabPackage.Name, label, LabPackage.InstallSpec, cancellationToken) != 0 || publisher.VersionId is not { } version)
            {
                throw new LabException($"Publishing the lab package failed (above); the server's log is {Path.Combine(options.DataFolder, "server.log")}.");
            }

            var rollout = await api.CreateRolloutAsync($"Lab rollout {label}", version, group, cancellationToken);
            var rolloutClock = Stopwatch.StartNew();
            await WatchAsync(api, agents, rollout, cancellationToken);
            var report = await api.WanReportAsync(rollout, cancellationToken);
            Console.WriteLine();
            WanReportTable.Print(report, Console.Out);
            Console.WriteLine($"Rollout time: {rolloutClock.Elapsed:mm\\:ss}");
            if (options.ReportFile is { } reportFile)
            {
                await File.WriteAllTextAsync(reportFile, report.GetRawText(), cancellationToken);
            }

            Console.WriteLine($"Lab total (start-up, enrollment, publishing and rollout): {clock.Elapsed:mm\\:ss}");

            if (options.Keep)
            {
                kept = true;
                Console.WriteLine($"Kept running: API {server}api/v1 (OpenAPI at {server}openapi/v1.json), development tokens from POST {server}dev/token?role=Admin.");
                Console.WriteLine($"Logs and data under {options.DataFolder}. Press Ctrl-C to stop everything.");
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return 0;
        }
        catch (OperationCanceledException) when (kept)
        {
            return 0;
        }
        finally
        {
            Console.Error.WriteLine("Stopping the lab's agents and server…");
            await agents.DisposeAsync();
            await serverProcess.DisposeAsync();
        }
    }

    private async Task WatchAsync(LabApi api, LabAgents agents, Guid rollout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Timeout);
        var view = new LabProgressView(agents.Count);
        var watch = Stopwatch.StartNew();
        try
        {
            while (!view.Show(await api.ProgressAsync(rollout, limit.Token), watch.Elapsed))
            {
                agents.ThrowIfAnyExited();
                await Task.Delay(ProgressPeriod, limit.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new LabException($"The rollout did not finish within {options.Timeout}; agents' logs are under {Path.Combine(options.DataFolder, "agents")}.");
        }
    }

    private async Task WaitForServerAsync(LabApi api, LabProcess server, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!await api.IsReadyAsync(cancellationToken))
        {
            if (server.HasExited || deadline.Elapsed > ServerStartLimit)
            {
                throw new LabException($"The server did not become ready; see {Path.Combine(options.DataFolder, "server.log")}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>Each lab starts from scratch: its own folder (recognised by a marker file) is emptied, any other refused.</summary>
    private void PrepareDataFolder()
    {
        var marker = Path.Combine(options.DataFolder, MarkerFile);
        if (Directory.Exists(options.DataFolder) && Directory.EnumerateFileSystemEntries(options.DataFolder).Any())
        {
            if (!File.Exists(marker))
            {
                throw new LabException($"{options.DataFolder} exists and was not made by edist lab: pass --data <an empty or new folder>.");
            }

            Directory.Delete(options.DataFolder, recursive: true);
        }

        Directory.CreateDirectory(options.DataFolder);
        File.WriteAllText(marker, "This folder belongs to edist lab; the next lab run empties it.\n");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
