using System.Net;
using System.Net.Sockets;

namespace EnterpriseDistrib.Benchmarks.Swarm;

/// <summary>
/// Debian's opentracker on 127.0.0.1 for one benchmark swarm: both our engine and the reference clients
/// find their peers through it, so neither side gets a head start.
/// </summary>
internal sealed class BenchTracker : IAsyncDisposable
{
    private readonly TimedProcess _process;

    private BenchTracker(TimedProcess process, int port)
    {
        _process = process;
        AnnounceUrl = $"http://127.0.0.1:{port}/announce";
    }

    public string AnnounceUrl { get; }

    /// <summary>Starts opentracker whitelisting the given info-hashes (its Debian build only accepts whitelisted torrents).</summary>
    public static async Task<BenchTracker> StartAsync(string workFolder, IEnumerable<string> infoHashesHex, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.Combine(workFolder, "opentracker")).FullName;

        // opentracker chroots into its folder and drops to "nobody" when started as root: both must read it.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        }
        await File.WriteAllLinesAsync(Path.Combine(folder, "whitelist.txt"), infoHashesHex, cancellationToken);
        var port = FreePort(IPAddress.Loopback);
        await File.WriteAllLinesAsync(Path.Combine(folder, "opentracker.conf"),
            [$"listen.tcp 127.0.0.1:{port}", "access.whitelist whitelist.txt"], cancellationToken);
        var process = TimedProcess.Start("opentracker", "opentracker", ["-f", "opentracker.conf", "-d", folder], folder);
        var tracker = new BenchTracker(process, port);
        await PeerLauncher.WaitForListenerAsync(new IPEndPoint(IPAddress.Loopback, port), TimeSpan.FromSeconds(10), process, cancellationToken);
        return tracker;
    }

    public static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
