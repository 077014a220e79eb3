using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EnterpriseDistrib.Benchmarks.Swarm;

/// <summary>Starts seeds and leeches of our engine (the real edist program) and of aria2c, each on its own loopback address.</summary>
internal sealed class PeerLauncher(string workFolder)
{
    private static readonly string Edist = Path.Combine(AppContext.BaseDirectory, "edist.dll");

    /// <summary>aria2c with everything a private swarm does not use turned off, and no preallocation (ours does sparse files).</summary>
    private static readonly string[] Aria2Common =
    [
        "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
        "--file-allocation=none", "--summary-interval=0", "--console-log-level=warn", "--allow-overwrite=true",
        "--auto-file-renaming=false", "--max-overall-upload-limit=0", "--max-overall-download-limit=0",
        "--bt-max-peers=0", "--check-certificate=false",
    ];

    public TimedProcess StartOurSeed(string name, string torrent, string folder, IPAddress address, int port) =>
        TimedProcess.Start(name, "dotnet",
            [Edist, "torrent", "seed", torrent, "--dir", folder, "--bind", address.ToString(), "--port", Port(port)], workFolder);

    public TimedProcess StartOurLeech(string name, string torrent, string folder, IPAddress address, int port, IPEndPoint? seed = null) =>
        TimedProcess.Start(name, "dotnet",
            [Edist, "torrent", "download", torrent, "--dir", folder, "--bind", address.ToString(), "--port", Port(port),
             .. seed is null ? Array.Empty<string>() : ["--peer", seed.ToString()]], workFolder);

    public TimedProcess StartAria2Seed(string name, string torrent, string folder, IPAddress address, int port) =>
        TimedProcess.Start(name, "aria2c",
            [.. Aria2Common, "--seed-ratio=0.0", "--bt-seed-unverified=true", "--check-integrity=false",
             $"--interface={address}", $"--listen-port={Port(port)}", $"--dir={folder}", torrent], workFolder);

    public TimedProcess StartAria2Leech(string name, string torrent, string folder, IPAddress address, int port) =>
        TimedProcess.Start(name, "aria2c",
            [.. Aria2Common, "--seed-time=0", $"--interface={address}", $"--listen-port={Port(port)}", $"--dir={folder}", torrent], workFolder);

    /// <summary>Waits until something accepts TCP connections at <paramref name="endPoint"/>.</summary>
    public static async Task WaitForListenerAsync(IPEndPoint endPoint, TimeSpan timeout, TimedProcess owner, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            using var probe = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(endPoint, cancellationToken);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !owner.HasExited)
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"{owner.Name} is not listening on {endPoint}. Its last output:{Environment.NewLine}{owner.RecentOutput}");
            }
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
