using System.Globalization;

namespace EnterpriseDistrib.Benchmarks.Swarm;

/// <summary>
/// 1 seed → 8 leeches, each its own process on its own 127.0.0.x address: when the last leech is done
/// against aria2c's swarm measured in the same run, and CPU seconds per GiB delivered (issue #3 as
/// corrected in CORRECTIONS.md: ≤ 0.5 × aria2c's time and ≤ 1.5 CPU-s per GiB).
/// </summary>
internal sealed class OneToEightBenchmark : IBenchmark
{
    private const double TimeRatioTarget = 0.5;
    private const double CpuPerGiBTarget = 1.5;

    public string Verb => "swarm-1to8";

    public string Summary => "1 seed -> 8 leeches (processes on 127.0.0.x) vs aria2c: last leech done, CPU-s per GiB [--size 1GiB] [--piece 4MiB] [--leeches 8] [--runs 3] [--clients ours,aria2] [--dir /tmp]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new BenchmarkArgs(args);
        var size = options.GetSize("size", 1L << 30);
        var pieceLength = (int)options.GetSize("piece", 4 << 20);
        var leeches = options.GetInt("leeches", 8);
        var runs = options.GetInt("runs", 3);
        var clients = (options.GetString("clients") ?? "ours,aria2").Split(',');
        await using var fixture = await SwarmFixture.CreateAsync(options.GetString("dir") ?? Path.GetTempPath(), size, pieceLength, cancellationToken);
        Console.WriteLine($"1 seed -> {leeches} leeches, {BenchmarkArgs.FormatSize(size)} in pieces of {BenchmarkArgs.FormatSize(pieceLength)}, {runs} runs each, alternating; {Environment.ProcessorCount} cores.");

        var ours = new List<SwarmResult>();
        var aria2 = new List<SwarmResult>();
        for (var run = 1; run <= runs; run++)
        {
            foreach (var (client, results) in new[] { (SwarmClient.Ours, ours), (SwarmClient.Aria2, aria2) })
            {
                if (clients.Contains(client == SwarmClient.Ours ? "ours" : "aria2"))
                {
                    results.Add(await fixture.NewRun().RunAsync(client, leeches, cancellationToken));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"run {run}: {client} last leech done in {results[^1].LastDoneSeconds:F2} s, {results[^1].CpuSecondsPerGiB:F2} CPU-s/GiB (leeches user {results[^1].Leeches.Sum(l => l.UserSeconds):F1} s + sys {results[^1].Leeches.Sum(l => l.SystemSeconds):F1} s, seed {results[^1].SeedCpuSeconds:F1} s; load {LoadAverage()})"));
                }
            }
        }

        if (ours.Count == 0 || aria2.Count == 0)
        {
            Console.WriteLine("Partial run (--clients): no verdict.");
            return 1;
        }

        var ourSeconds = Statistics.Median(ours.Select(r => r.LastDoneSeconds));
        var aria2Seconds = Statistics.Median(aria2.Select(r => r.LastDoneSeconds));
        var ourCpu = Statistics.Median(ours.Select(r => r.CpuSecondsPerGiB));
        var aria2Cpu = Statistics.Median(aria2.Select(r => r.CpuSecondsPerGiB));

        Console.WriteLine();
        Console.WriteLine($"{"swarm",-20} {"last done s",12} {"CPU-s/GiB",10} {"first done s",13} {"peak leech RSS",15}");
        Console.WriteLine($"{"EnterpriseDistrib",-20} {ourSeconds,12:F2} {ourCpu,10:F2} {Statistics.Median(ours.Select(r => r.Leeches.Min(l => l.ElapsedSeconds))),13:F2} {ours.Max(r => r.PeakLeechResidentKiB) / 1024.0,11:F0} MiB");
        Console.WriteLine($"{"aria2c",-20} {aria2Seconds,12:F2} {aria2Cpu,10:F2} {Statistics.Median(aria2.Select(r => r.Leeches.Min(l => l.ElapsedSeconds))),13:F2} {aria2.Max(r => r.PeakLeechResidentKiB) / 1024.0,11:F0} MiB");
        Console.WriteLine();
        var ratio = ourSeconds / aria2Seconds;
        var timeMet = ratio <= TimeRatioTarget;
        var cpuMet = ourCpu <= CpuPerGiBTarget;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"last leech done: ours/aria2c = {ratio:F2} (target <= {TimeRatioTarget:F1}): {(timeMet ? "MET" : "MISSED")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU per GiB delivered: {ourCpu:F2} CPU-s (target <= {CpuPerGiBTarget:F1}): {(cpuMet ? "MET" : "MISSED")}"));
        return timeMet && cpuMet ? 0 : 2;
    }

    /// <summary>The 1-minute load average: other work on the machine changes wall times more than CPU-seconds.</summary>
    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
