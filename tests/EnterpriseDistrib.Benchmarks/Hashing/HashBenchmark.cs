using System.Diagnostics;
using System.Globalization;
using EnterpriseDistrib.Torrent.Hashing;

namespace EnterpriseDistrib.Benchmarks.Hashing;

/// <summary>
/// Piece hashing of one file already in the page cache: our <see cref="PieceHasher"/> against
/// mktorrent with the same piece size and thread count, alternating, medians compared.
/// Target (issue #2): ours / mktorrent time ≤ 1.0.
/// </summary>
internal sealed class HashBenchmark : IBenchmark
{
    private const double Target = 1.0;
    private const string Ours = "PieceHasher";

    public string Verb => "hash";

    public string Summary =>
        "piece hashing of a cached file vs mktorrent [--size 2GiB] [--piece 1MiB] [--runs 7] [--threads N] [--our-threads N] [--block 1MiB] [--dir /tmp] [--file PATH]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new BenchmarkArgs(args);
        var size = options.GetSize("size", 2L << 30);
        var pieceLength = (int)options.GetSize("piece", 1 << 20);
        var runs = options.GetInt("runs", 7);
        var threads = options.GetInt("threads", Environment.ProcessorCount);
        var ourThreads = options.GetInt("our-threads", threads);
        var block = (int)options.GetSize("block", 1 << 20);
        var folder = Directory.CreateDirectory(Path.Combine(options.GetString("dir") ?? Path.GetTempPath(), $"edist-bench-hash-{Guid.NewGuid():N}")).FullName;
        try
        {
            var file = options.GetString("file") ?? await TestData.WriteAsync(Path.Combine(folder, "content.bin"), size, cancellationToken);
            size = new FileInfo(file).Length;
            Console.WriteLine($"Hashing {BenchmarkArgs.FormatSize(size)} ({file}) in pieces of {BenchmarkArgs.FormatSize(pieceLength)} with {threads} threads " +
                $"(ours {ourThreads} reading blocks of {BenchmarkArgs.FormatSize(block)}), {runs} runs each, alternating; {Environment.ProcessorCount} cores; load average {LoadAverage()}.");
            await TestData.WarmPageCacheAsync(file, cancellationToken);

            var sources = new[] { new SourceFile(file, size) };
            var mktorrent = new Mktorrent(folder);
            var hasher = new PieceHasher(new PieceHasherOptions { MaxParallelism = ourThreads, ReadBlockSize = block });
            var contenders = new List<(string Name, Func<Task<(TimeSpan, double, byte[])>> Run)>
            {
                (Ours, () => TimeOursAsync(hasher, sources, pieceLength, cancellationToken)),
                ("mktorrent", () => mktorrent.RunAsync(file, pieceLength, threads, cancellationToken)),
            };

            // One untimed round each: JIT, and a check that every contender produces the same pieces.
            var expected = (await contenders[^1].Run()).Item3;
            foreach (var (name, run) in contenders)
            {
                if (!(await run()).Item3.AsSpan().SequenceEqual(expected))
                {
                    Console.WriteLine($"FAIL: {name}'s piece hashes differ from mktorrent's.");
                    return 2;
                }
            }

            var times = contenders.ToDictionary(c => c.Name, _ => new List<(double Seconds, double Cpu)>());
            for (var round = 0; round < runs; round++)
            {
                // Alternate who goes first, so neither always runs on a cache the other just warmed.
                var order = round % 2 == 0 ? contenders : Enumerable.Reverse(contenders);
                foreach (var (name, run) in order)
                {
                    var (elapsed, cpu, _) = await run();
                    times[name].Add((elapsed.TotalSeconds, cpu));
                }
            }

            return Report(size, times);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(TimeSpan, double, byte[])> TimeOursAsync(PieceHasher hasher, SourceFile[] sources, int pieceLength, CancellationToken cancellationToken)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var pieces = await hasher.HashAsync(sources, pieceLength, cancellationToken: cancellationToken);
        var elapsed = clock.Elapsed;
        return (elapsed, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds, pieces);
    }

    private static int Report(long size, Dictionary<string, List<(double Seconds, double Cpu)>> times)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        static string Seconds(double s) => s.ToString("F3", CultureInfo.InvariantCulture);

        Console.WriteLine();
        Console.WriteLine($"{"tool",-24} {"median s",9} {"min s",7} {"max s",7} {"GB/s",6} {"CPU s",6}   each run (s)");
        foreach (var (name, list) in times)
        {
            var median = Median(list.Select(t => t.Seconds));
            Console.WriteLine($"{name,-24} {Seconds(median),9} {Seconds(list.Min(t => t.Seconds)),7} {Seconds(list.Max(t => t.Seconds)),7} " +
                $"{size / median / 1e9,6:F2} {Median(list.Select(t => t.Cpu)),6:F2}   {string.Join(' ', list.Select(t => Seconds(t.Seconds)))}");
        }

        var ours = Median(times[Ours].Select(t => t.Seconds));
        var theirs = Median(times["mktorrent"].Select(t => t.Seconds));
        var cpuRatio = Median(times[Ours].Select(t => t.Cpu)) / Median(times["mktorrent"].Select(t => t.Cpu));
        var ratio = ours / theirs;
        var met = ratio <= Target;
        Console.WriteLine();
        Console.WriteLine($"Load average after: {LoadAverage()} ({Environment.ProcessorCount} cores); with other work running, wall times are noisy and the CPU ratio is the steadier figure.");
        Console.WriteLine($"CPU-time ratio ours/mktorrent = {cpuRatio:F3}");
        Console.WriteLine($"Time ratio ours/mktorrent (medians) = {ratio:F3} (target <= {Target:F1}): {(met ? "MET" : "MISSED")}; ours {size / ours / 1e9:F2} GB/s (GB = 10^9 bytes).");
        return met ? 0 : 2;
    }

    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "n/a";
    }
}
