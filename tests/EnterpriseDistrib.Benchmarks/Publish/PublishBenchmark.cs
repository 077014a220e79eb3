using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EnterpriseDistrib.Benchmarks.Hashing;

namespace EnterpriseDistrib.Benchmarks.Publish;

/// <summary>
/// <c>edist publish</c> of one big file end to end (hash, register, tus upload over loopback, origin
/// verification) against <c>cp</c> of the same cached file to the same disk, alternating, medians
/// compared. Issue #5 asks for the ratio; there is no fixed target.
/// </summary>
internal sealed class PublishBenchmark : IBenchmark
{
    public string Verb => "publish";

    public string Summary => "edist publish end to end (hash + upload + origin verify) vs cp of the same file [--size 2GiB] [--runs 3] [--chunk 64MiB] [--dir /tmp]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new BenchmarkArgs(args);
        var size = options.GetSize("size", 2L << 30);
        var runs = options.GetInt("runs", 3);
        var chunk = options.GetString("chunk") ?? "64MiB";
        var folder = Directory.CreateDirectory(Path.Combine(options.GetString("dir") ?? Path.GetTempPath(), $"edist-bench-publish-{Guid.NewGuid():N}")).FullName;
        var data = Directory.CreateDirectory(Path.Combine(folder, "server")).FullName;
        var edist = Path.Combine(AppContext.BaseDirectory, "edist.dll");
        var port = FreePort();
        Process? server = null;
        try
        {
            var file = await TestData.WriteAsync(Path.Combine(folder, "package.msi"), size, cancellationToken);
            server = StartServer(edist, port, data);
            await WaitForServerAsync(port, server, cancellationToken);
            Console.WriteLine($"Publishing {BenchmarkArgs.FormatSize(size)} through edist server on 127.0.0.1:{port} (SQLite, origin in {data}), chunks of {chunk}; " +
                $"{runs} runs each, alternating with cp; {Environment.ProcessorCount} cores; load average {LoadAverage()}.");

            var publish = new List<double>();
            var copy = new List<double>();
            for (var round = 0; round <= runs; round++)
            {
                // A new first byte each round: a new info-hash, so every publish uploads and verifies everything.
                await using (var handle = new FileStream(file, FileMode.Open, FileAccess.Write))
                {
                    handle.Write(BitConverter.GetBytes(round));
                }

                await TestData.WarmPageCacheAsync(file, cancellationToken);
                var copied = Path.Combine(folder, "copy.msi");
                var copySeconds = await TimeAsync("cp", [file, copied], cancellationToken);
                File.Delete(copied);
                var publishSeconds = await TimeAsync("dotnet", [edist, "publish", file, "--server", $"http://127.0.0.1:{port}", "--name", $"bench-{round}", "--version", "1", "--install", "Msi", "--chunk-size", chunk], cancellationToken);

                // Round 0 warms the JIT, the server and the catalog; it is not counted.
                if (round > 0)
                {
                    copy.Add(copySeconds);
                    publish.Add(publishSeconds);
                }

                Console.WriteLine($"round {round}{(round == 0 ? " (warm-up)" : "")}: cp {copySeconds:F2} s, edist publish {publishSeconds:F2} s");
                Directory.Delete(Path.Combine(data, "origin", "content"), recursive: true);
            }

            var ratio = Median(publish) / Median(copy);
            Console.WriteLine();
            Console.WriteLine($"Load average after: {LoadAverage()} ({Environment.ProcessorCount} cores).");
            Console.WriteLine($"cp median {Median(copy):F2} s ({size / Median(copy) / 1e9:F2} GB/s); edist publish median {Median(publish):F2} s ({size / Median(publish) / 1e9:F2} GB/s end to end).");
            Console.WriteLine($"Ratio publish/cp (medians) = {ratio:F2}.");
            return 0;
        }
        finally
        {
            if (server is { HasExited: false })
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(CancellationToken.None);
            }

            server?.Dispose();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Process StartServer(string edist, int port, string data)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data };
        foreach (var argument in new[] { edist, "server", "--urls", $"http://127.0.0.1:{port}", "--data", data })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["Silo__SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        info.Environment["Origin__PeerBindAddress"] = "127.0.0.1";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForServerAsync(int port, Process server, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"edist server exited with {server.ExitCode}.");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException("edist server did not become ready within 90 s.");
    }

    private static async Task<double> TimeAsync(string executable, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }

        return seconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "n/a";
    }
}
