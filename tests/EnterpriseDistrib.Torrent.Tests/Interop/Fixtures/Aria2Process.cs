using System.Globalization;
using System.Net;

namespace EnterpriseDistrib.Torrent.Tests.Interop.Fixtures;

/// <summary>
/// aria2c seeding or downloading one .torrent, bound to its own loopback address (<c>--interface</c>, which aria2 uses
/// for its listener and every outgoing connection), with DHT, LPD and PEX off: a tracker-only peer like ours.
/// </summary>
public sealed class Aria2Process : IAsyncDisposable
{
    // aria2c(1) "EXIT STATUS", for failure messages.
    private static readonly Dictionary<int, string> ExitCodes = new()
    {
        [0] = "all downloads were successful",
        [1] = "an unknown error occurred",
        [2] = "time out occurred",
        [3] = "a resource was not found",
        [6] = "a network problem occurred",
        [7] = "there were unfinished downloads (e.g. stopped by a signal or --stop)",
        [9] = "there was not enough disk space",
        [13] = "the file already existed",
        [16] = "the file could not be created or truncated",
        [17] = "a file I/O error occurred",
        [24] = "HTTP authorization failed",
        [28] = "the torrent or metadata was bad",
        [32] = "checksum validation failed",
    };

    private Aria2Process(FixtureProcess process, IPEndPoint peerEndPoint)
    {
        Process = process;
        PeerEndPoint = peerEndPoint;
    }

    public FixtureProcess Process { get; }

    /// <summary>Where other peers reach this aria2c.</summary>
    public IPEndPoint PeerEndPoint { get; }

    public string Output => Process.Output;

    /// <summary>Seeds the content already in <paramref name="contentFolder"/> (checked first) until disposed.</summary>
    public static Aria2Process StartSeed(string torrentPath, string contentFolder, IPAddress bindAddress, TimeSpan? lifetime = null) =>
        Start(torrentPath, contentFolder, bindAddress, ["--check-integrity=true", "--seed-ratio=0.0"], lifetime);

    /// <summary>Downloads into <paramref name="downloadFolder"/>; exits 0 when done (or keeps seeding if <paramref name="keepSeeding"/>).</summary>
    public static Aria2Process StartDownload(string torrentPath, string downloadFolder, IPAddress bindAddress, bool keepSeeding = false, TimeSpan? lifetime = null) =>
        Start(torrentPath, downloadFolder, bindAddress, keepSeeding ? ["--seed-ratio=0.0"] : ["--seed-time=0"], lifetime);

    /// <summary>Waits for the download to end; throws with aria2c's output unless it exited 0.</summary>
    public async Task WaitForSuccessAsync(TimeSpan timeout)
    {
        var code = await Process.WaitForExitAsync(timeout);
        if (code != 0)
        {
            var meaning = ExitCodes.GetValueOrDefault(code, "see aria2c(1)");
            throw new InvalidOperationException($"aria2c exited with {code} ({meaning}). Output:\n{Output}");
        }
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private static Aria2Process Start(string torrentPath, string folder, IPAddress bindAddress, string[] modeArguments, TimeSpan? lifetime)
    {
        ArgumentNullException.ThrowIfNull(bindAddress);
        Directory.CreateDirectory(folder);
        var port = LoopbackPorts.GetFreeTcpPort(bindAddress);
        string[] arguments =
        [
            $"--interface={bindAddress}",
            $"--listen-port={port.ToString(CultureInfo.InvariantCulture)}",
            "--enable-dht=false",
            "--enable-dht6=false",
            "--bt-enable-lpd=false",
            "--enable-peer-exchange=false",
            "--disable-ipv6=true",
            "--bt-tracker-connect-timeout=5",
            "--bt-tracker-timeout=10",
            "--file-allocation=none",
            "--allow-overwrite=true",
            "--auto-file-renaming=false",
            "--summary-interval=0",
            "--console-log-level=warn",
            "--enable-color=false",
            $"--stop-with-process={Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}",
            $"--dir={folder}",
            .. modeArguments,
            torrentPath,
        ];
        var process = FixtureProcess.Start("aria2c", arguments, folder, lifetime ?? TimeSpan.FromMinutes(5));
        return new Aria2Process(process, new IPEndPoint(bindAddress, port));
    }
}
