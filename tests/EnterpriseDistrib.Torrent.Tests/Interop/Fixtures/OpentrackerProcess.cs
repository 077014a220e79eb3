using System.Net;
using System.Net.Sockets;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Net;
using EnterpriseDistrib.Torrent.Tracker;

namespace EnterpriseDistrib.Torrent.Tests.Interop.Fixtures;

/// <summary>
/// A real opentracker (Debian's, built with an info-hash whitelist) on a loopback address and a free port, in a temp
/// folder of its own. Torrents must be whitelisted (<see cref="WhitelistAsync"/>) before it accepts their announces.
/// </summary>
public sealed class OpentrackerProcess : IAsyncDisposable
{
    private const string WhitelistFile = "whitelist.txt";
    private static readonly byte[] ProbePeerId = "-EDPROBE-00000000000"u8.ToArray();

    private readonly DirectoryInfo _folder;
    private readonly FixtureProcess _process;
    private readonly HttpClient _http = BoundHttpClientFactory.CreateClient(null, TimeSpan.FromSeconds(10));
    private readonly SemaphoreSlim _whitelistLock = new(1, 1);

    private OpentrackerProcess(DirectoryInfo folder, FixtureProcess process, IPEndPoint endPoint)
    {
        _folder = folder;
        _process = process;
        EndPoint = endPoint;
        AnnounceUrl = new Uri($"http://{endPoint}/announce");
        Client = new HttpTrackerClient(_http);
    }

    public IPEndPoint EndPoint { get; }

    public Uri AnnounceUrl { get; }

    /// <summary>A tracker client for tests to announce or scrape with (not bound to any particular address).</summary>
    public HttpTrackerClient Client { get; }

    public string Output => _process.Output;

    /// <summary>Starts opentracker on <paramref name="address"/> (127.0.0.1 by default) with the given torrents whitelisted.</summary>
    public static async Task<OpentrackerProcess> StartAsync(IEnumerable<InfoHash>? whitelist = null, IPAddress? address = null, TimeSpan? lifetime = null)
    {
        address ??= IPAddress.Loopback;
        var folder = Directory.CreateTempSubdirectory("edist-opentracker-");

        // opentracker chroots into its folder and drops to "nobody" when run as root: both must be able to read it.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        await File.WriteAllLinesAsync(Path.Combine(folder.FullName, WhitelistFile), (whitelist ?? []).Select(h => h.ToHex()));
        var port = LoopbackPorts.GetFreeTcpPort(address);

        // Only a TCP listener: with any listen line present opentracker binds nothing else (no default UDP 6969).
        await File.WriteAllLinesAsync(Path.Combine(folder.FullName, "opentracker.conf"),
        [
            $"listen.tcp {address}:{port}",
            $"access.whitelist {WhitelistFile}",
        ]);
        var process = FixtureProcess.Start(
            "opentracker", ["-f", "opentracker.conf", "-d", folder.FullName], folder.FullName, lifetime ?? TimeSpan.FromMinutes(10));
        var tracker = new OpentrackerProcess(folder, process, new IPEndPoint(address, port));
        try
        {
            await tracker.WaitUntilListeningAsync(TimeSpan.FromSeconds(10));

            // opentracker loads the whitelist on a thread of its own, after it starts listening.
            foreach (var infoHash in whitelist ?? [])
            {
                await tracker.WaitUntilAsync(() => tracker.IsAcceptedAsync(infoHash), $"opentracker to accept {infoHash}");
            }

            return tracker;
        }
        catch
        {
            await tracker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds a torrent to the whitelist, makes opentracker reload it (SIGHUP) and waits until it takes announces for it.</summary>
    public async Task WhitelistAsync(InfoHash infoHash, TimeSpan? timeout = null)
    {
        await _whitelistLock.WaitAsync();
        try
        {
            await File.AppendAllLinesAsync(Path.Combine(_folder.FullName, WhitelistFile), [infoHash.ToHex()]);
            await _process.SignalAsync("HUP");
        }
        finally
        {
            _whitelistLock.Release();
        }

        // The reload happens on opentracker's own thread; probe until it answers instead of refusing.
        await WaitUntilAsync(() => IsAcceptedAsync(infoHash), $"opentracker to accept {infoHash}", timeout);
    }

    /// <summary>
    /// Whether opentracker takes announces for the torrent now. The probe is a started announce, withdrawn at
    /// once with stopped: a stopped probe alone was sometimes answered before the whitelist reload took effect.
    /// </summary>
    public async Task<bool> IsAcceptedAsync(InfoHash infoHash)
    {
        try
        {
            await Client.AnnounceAsync(AnnounceUrl, new AnnounceRequest(infoHash, ProbePeerId, 1) { Event = AnnounceEvent.Started, NumWant = 0 }, CancellationToken.None);
            await Client.AnnounceAsync(AnnounceUrl, new AnnounceRequest(infoHash, ProbePeerId, 1) { Event = AnnounceEvent.Stopped, NumWant = 0 }, CancellationToken.None);
            return true;
        }
        catch (TrackerFailureException)
        {
            return false;
        }
    }

    public async Task<ScrapeStatistics> ScrapeAsync(InfoHash infoHash)
    {
        var response = await Client.ScrapeAsync(AnnounceUrl, [infoHash], CancellationToken.None);
        return response.Files.TryGetValue(infoHash, out var statistics) ? statistics : default;
    }

    /// <summary>Waits until the tracker counts at least <paramref name="seeders"/> seeds for the torrent (a seed has announced).</summary>
    public Task WaitForSeedersAsync(InfoHash infoHash, int seeders, TimeSpan timeout) =>
        WaitUntilAsync(async () => (await ScrapeAsync(infoHash)).Complete >= seeders, $"{seeders} seed(s) of {infoHash}", timeout);

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _http.Dispose();
        _whitelistLock.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean /tmp.
        }
    }

    private Task WaitUntilListeningAsync(TimeSpan timeout) =>
        WaitUntilAsync(async () =>
        {
            using var socket = new Socket(EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(EndPoint);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, "opentracker to listen", timeout);

    /// <summary>
    /// Polls <paramref name="condition"/> (e.g. on a scrape) until it holds: the state of other processes offers no
    /// event to wait on. Fails with opentracker's output after <paramref name="timeout"/> (10 s by default).
    /// </summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (_process.Exited.IsCompleted)
            {
                throw new InvalidOperationException($"opentracker exited with {await _process.Exited} while waiting for {what}. Output:\n{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout ?? TimeSpan.FromSeconds(10)} waiting for {what}. opentracker output:\n{Output}");
            }

            await Task.Delay(50);
        }
    }
}
