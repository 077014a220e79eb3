using System.Globalization;

namespace EnterpriseDistrib.Benchmarks.Swarm;

/// <summary>
/// 1 seed → 1 leech over loopback, content in the page cache: our engine's throughput against the
/// 1 GB/s target, against a raw socat copy and against aria2c → aria2c, all measured in this run; and
/// the leech's peak memory against the 200 MB limit (issue #3, with CORRECTIONS.md).
/// </summary>
internal sealed class OneToOneBenchmark : IBenchmark
{
    private const double TargetBytesPerSecond = 1e9;
    private const long MemoryLimitBytes = 200_000_000;

    public string Verb => "swarm-1to1";

    public string Summary => "1 seed -> 1 leech over loopback vs socat and aria2c, and the leech's peak memory [--size 2GiB] [--piece 4MiB] [--runs 3] [--clients raw,ours,aria2] [--dir /tmp]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new BenchmarkArgs(args);
        var size = options.GetSize("size", 2L << 30);
        var pieceLength = (int)options.GetSize("piece", 4 << 20);
        var runs = options.GetInt("runs", 3);
        var clients = (options.GetString("clients") ?? "raw,ours,aria2").Split(',');
        await using var fixture = await SwarmFixture.CreateAsync(options.GetString("dir") ?? Path.GetTempPath(), size, pieceLength, cancellationToken);
        Console.WriteLine($"1 seed -> 1 leech, {BenchmarkArgs.FormatSize(size)} in pieces of {BenchmarkArgs.FormatSize(pieceLength)}, {runs} runs each, alternating; {Environment.ProcessorCount} cores.");

        var raw = new List<double>();
        var ours = new List<SwarmResult>();
        var aria2 = new List<SwarmResult>();
        for (var run = 1; run <= runs; run++)
        {
            if (clients.Contains("raw"))
            {
                raw.Add(await RawLoopbackCopy.RunAsync(fixture.Folder, fixture.ContentFile, cancellationToken));
                Console.WriteLine($"run {run}: socat {raw[^1]:F2} s");
            }

            if (clients.Contains("ours"))
            {
                ours.Add(await fixture.NewRun().RunAsync(SwarmClient.Ours, 1, cancellationToken));
                Console.WriteLine($"run {run}: ours {ours[^1].LastDoneSeconds:F2} s");
            }

            if (clients.Contains("aria2"))
            {
                aria2.Add(await fixture.NewRun().RunAsync(SwarmClient.Aria2, 1, cancellationToken));
                Console.WriteLine($"run {run}: aria2c {aria2[^1].LastDoneSeconds:F2} s");
            }
        }

        if (raw.Count == 0 || ours.Count == 0 || aria2.Count == 0)
        {
            Console.WriteLine("Partial run (--clients): no verdict.");
            return 1;
        }

        var rawSeconds = Statistics.Median(raw);
        var ourSeconds = Statistics.Median(ours.Select(r => r.LastDoneSeconds));
        var aria2Seconds = Statistics.Median(aria2.Select(r => r.LastDoneSeconds));
        var ourRate = size / ourSeconds;
        var peakMemory = ours.Max(r => r.PeakLeechResidentKiB) * 1024L;

        Console.WriteLine();
        Console.WriteLine($"{"transfer",-22} {"median s",9} {"GB/s",7} {"leech CPU s",12} {"leech peak RSS",15}");
        Console.WriteLine($"{"socat raw copy",-22} {rawSeconds,9:F2} {size / rawSeconds / 1e9,7:F2} {"",12} {"",15}");
        Row("EnterpriseDistrib", ours, ourSeconds);
        Row("aria2c -> aria2c", aria2, aria2Seconds);
        Console.WriteLine();
        var rateMet = ourRate >= TargetBytesPerSecond;
        var memoryMet = peakMemory < MemoryLimitBytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"throughput: ours {ourRate / 1e9:F2} GB/s (target >= 1.00): {(rateMet ? "MET" : "MISSED")}; = {ourRate / (size / rawSeconds):P0} of socat's raw copy; {aria2Seconds / ourSeconds:F2}x aria2c's speed."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"leech peak memory: {peakMemory / 1e6:F0} MB (limit < 200 MB): {(memoryMet ? "MET" : "MISSED")}."));
        return rateMet && memoryMet ? 0 : 2;

        void Row(string name, List<SwarmResult> results, double median) =>
            Console.WriteLine($"{name,-22} {median,9:F2} {size / median / 1e9,7:F2} {Statistics.Median(results.Select(r => r.Leeches[0].CpuSeconds)),12:F2} {results.Max(r => r.PeakLeechResidentKiB) / 1024.0,12:F0} MiB");
    }
}
