using System.Globalization;
using System.Net;
using System.Text.Json;

namespace EnterpriseDistrib.Torrent.Tests.Interop.Fixtures;

/// <summary>
/// Transmission 3.00 (Debian's <c>transmission-cli</c>: the single-torrent legacy client) seeding or downloading one
/// .torrent, with its own config folder: bound to its own loopback address, DHT, LPD, PEX, µTP and port mapping off,
/// plaintext preferred (so peers without MSE are welcome).
/// </summary>
/// <remarks>
/// Transmission treats 127.0.0.0/8 as a "martian" address and never connects OUT to loopback peers the tracker hands
/// it; it accepts incoming connections from loopback peers normally. So on loopback it seeds to anyone, and downloads
/// only from peers that dial it (e.g. <c>AddPeer(transmission.PeerEndPoint)</c> on our engine).
/// </remarks>
public sealed class TransmissionProcess : IAsyncDisposable
{
    private const string DoneMarker = "torrent-done";

    private readonly DirectoryInfo _configFolder;

    private TransmissionProcess(FixtureProcess process, DirectoryInfo configFolder, IPEndPoint peerEndPoint)
    {
        Process = process;
        _configFolder = configFolder;
        PeerEndPoint = peerEndPoint;
    }

    public FixtureProcess Process { get; }

    /// <summary>Where other peers reach this transmission.</summary>
    public IPEndPoint PeerEndPoint { get; }

    public string Output => Process.Output;

    /// <summary>
    /// Runs the torrent in <paramref name="folder"/>: what is there is verified, what is missing downloaded from peers
    /// that connect to it (see the remarks), and the torrent seeded until disposed.
    /// </summary>
    public static Task<TransmissionProcess> StartAsync(string torrentPath, string folder, IPAddress bindAddress, TimeSpan? lifetime = null) =>
        StartCoreAsync(torrentPath, folder, bindAddress, lifetime);

    /// <summary>Completes when transmission has run its torrent-done script: the download is complete and verified.</summary>
    public async Task WaitForCompletionAsync(TimeSpan timeout)
    {
        var marker = Path.Combine(_configFolder.FullName, DoneMarker);
        using var watcher = new FileSystemWatcher(_configFolder.FullName, DoneMarker) { EnableRaisingEvents = true };
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Created += (_, _) => created.TrySetResult();
        if (File.Exists(marker))
        {
            return;
        }

        await Task.WhenAny(created.Task, Process.Exited, Task.Delay(timeout));
        if (!File.Exists(marker))
        {
            var why = Process.Exited.IsCompleted ? $"exited with {await Process.Exited}" : $"did not complete within {timeout}";
            throw new TimeoutException($"transmission {why}. Output:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        try
        {
            _configFolder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with /tmp eventually.
        }
    }

    private static async Task<TransmissionProcess> StartCoreAsync(string torrentPath, string folder, IPAddress bindAddress, TimeSpan? lifetime)
    {
        ArgumentNullException.ThrowIfNull(bindAddress);
        Directory.CreateDirectory(folder);
        var configFolder = Directory.CreateTempSubdirectory("edist-transmission-");
        var port = LoopbackPorts.GetFreeTcpPort(bindAddress);
        var settings = new Dictionary<string, object>
        {
            ["bind-address-ipv4"] = bindAddress.ToString(),
            ["bind-address-ipv6"] = "::1",
            ["peer-port"] = port,
            ["peer-port-random-on-start"] = false,
            ["dht-enabled"] = false,
            ["lpd-enabled"] = false,
            ["pex-enabled"] = false,
            ["utp-enabled"] = false,
            ["port-forwarding-enabled"] = false,
            ["rpc-enabled"] = false,
            ["encryption"] = 0,
            ["message-level"] = 2,
            ["speed-limit-up-enabled"] = false,
            ["speed-limit-down-enabled"] = false,
            ["ratio-limit-enabled"] = false,
            ["idle-seeding-limit-enabled"] = false,
        };
        await File.WriteAllTextAsync(Path.Combine(configFolder.FullName, "settings.json"), JsonSerializer.Serialize(settings));
        var script = Path.Combine(configFolder.FullName, "done.sh");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\ntouch '{Path.Combine(configFolder.FullName, DoneMarker)}'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var process = FixtureProcess.Start(
            "transmission-cli",
            ["-g", configFolder.FullName, "-w", folder, "-p", port.ToString(CultureInfo.InvariantCulture), "-M", "-f", script, torrentPath],
            folder,
            lifetime ?? TimeSpan.FromMinutes(5));
        return new TransmissionProcess(process, configFolder, new IPEndPoint(bindAddress, port));
    }
}
