using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace EnterpriseDistrib.Benchmarks.Swarm;

/// <summary>
/// The ceiling for one transfer on this machine: socat copying the file over loopback TCP into a new
/// file with 1 MiB buffers (CORRECTIONS.md: "a raw loopback copy of the same file into a new file").
/// </summary>
internal static class RawLoopbackCopy
{
    private static readonly IPAddress ReceiverAddress = IPAddress.Parse("127.0.0.5");

    public static async Task<double> RunAsync(string workFolder, string file, CancellationToken cancellationToken)
    {
        var output = Path.Combine(workFolder, "socat-copy.bin");
        var port = BenchTracker.FreePort(ReceiverAddress).ToString(CultureInfo.InvariantCulture);
        await using var receiver = TimedProcess.Start("socat-receiver", "socat",
            ["-b", "1048576", "-u", $"TCP-LISTEN:{port},bind={ReceiverAddress},reuseaddr", $"CREATE:{output}"], workFolder);

        // socat without fork serves exactly one connection, so no probe: give it a moment to listen.
        await Task.Delay(300, cancellationToken);
        var clock = Stopwatch.StartNew();
        await using var sender = TimedProcess.Start("socat-sender", "socat",
            ["-b", "1048576", "-u", $"OPEN:{file},rdonly", $"TCP:{ReceiverAddress}:{port}"], workFolder);
        await receiver.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        if (new FileInfo(output).Length != new FileInfo(file).Length)
        {
            throw new InvalidOperationException($"socat copied {new FileInfo(output).Length} of {new FileInfo(file).Length} bytes.");
        }

        File.Delete(output);
        return seconds;
    }
}
