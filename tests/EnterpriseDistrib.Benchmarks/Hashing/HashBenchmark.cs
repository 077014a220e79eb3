using System.Diagnostics;
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

    public string Verb => "hash";

    public string Summary =>
        "piece hashing of a cached file vs mktorrent [--size 2GiB] [--piece 1MiB] [--runs 5] [--threads N] [--block 1MiB] [--shape workers|reader] [--dir /tmp] [--file PATH]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new BenchmarkArgs(args);
        var size = options.GetSize("size", 2L << 30);
        var pieceLength = (int)options.GetSize("piece", 1 << 20);
        var runs = options.GetInt("runs", 5);
        var threads = options.GetInt("threads", Environment.ProcessorCount);
        var block = (int)options.GetSize("block", 1 << 20);
        var oneReader = (options.GetString("shape") ?? "workers") switch
        {
            "workers" => false,
            "reader" => true,
            var other => throw new ArgumentException($"--shape is 'workers' (each reads and hashes) or 'reader' (one reader, N hashers), not '{other}'."),
        };
        var folder = Directory.CreateDirectory(Path.Combine(options.GetString("dir") ?? Path.GetTempPath(), $"edist-bench-hash-{Guid.NewGuid():N}")).FullName;
        try
        {
            var file = options.GetString("file") ?? await TestData.WriteAsync(Path.Combine(folder, "content.bin"), size, cancellationToken);
            size = new FileInfo(file).Length;
            Console.WriteLine($"Hashing {BenchmarkArgs.FormatSize(size)} ({file}) in pieces of {BenchmarkArgs.FormatSize(pieceLength)}, " +
                $"{threads} hashing threads ({(oneReader ? "+ one reader" : "each reading its own")}, blocks of {BenchmarkArgs.FormatSize(block)}), {runs} runs each, alternating; {Environment.ProcessorCount} cores.");
            await TestData.WarmPageCacheAsync(file, cancellationToken);

            var hasher = new PieceHasher(new PieceHasherOptions { MaxParallelism = threads, ReadBlockSize = block, OneReader = oneReader });
            var mktorrent = new Mktorrent(folder);
            var sources = new[] { new SourceFile(file, size) };

            // One untimed round each: JIT, and the torrent written once so both tools agree.
            var ours = await hasher.HashAsync(sources, pieceLength, cancellationToken: cancellationToken);
            var theirs = (await mktorrent.RunAsync(file, pieceLength, threads, cancellationToken)).Pieces;
            if (!ours.AsSpan().SequenceEqual(theirs))
            {
                Console.WriteLine("FAIL: our piece hashes differ from mktorrent's.");
                return 2;
            }

            var ourTimes = new List<(TimeSpan Elapsed, double Cpu)>();
            var theirTimes = new List<(TimeSpan Elapsed, double Cpu)>();
            for (var run = 0; run < runs; run++)
            {
                ourTimes.Add(await TimeOursAsync(hasher, sources, pieceLength, cancellationToken));
                var (elapsed, cpu, _) = await mktorrent.RunAsync(file, pieceLength, threads, cancellationToken);
                theirTimes.Add((elapsed, cpu));
            }

            return Report(size, ourTimes, theirTimes);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(TimeSpan, double)> TimeOursAsync(PieceHasher hasher, SourceFile[] sources, int pieceLength, CancellationToken cancellationToken)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await hasher.HashAsync(sources, pieceLength, cancellationToken: cancellationToken);
        var elapsed = clock.Elapsed;
        return (elapsed, (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    private static int Report(long size, List<(TimeSpan Elapsed, double Cpu)> ours, List<(TimeSpan Elapsed, double Cpu)> theirs)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var ourMedian = Median(ours.Select(t => t.Elapsed.TotalSeconds));
        var theirMedian = Median(theirs.Select(t => t.Elapsed.TotalSeconds));
        var ratio = ourMedian / theirMedian;
        Console.WriteLine();
        Console.WriteLine($"{"tool",-14} {"median s",9} {"min s",8} {"max s",8} {"GB/s",7} {"CPU s",7}   runs (s)");
        void Row(string name, List<(TimeSpan Elapsed, double Cpu)> times, double median) =>
            Console.WriteLine($"{name,-14} {median,9:F3} {times.Min(t => t.Elapsed.TotalSeconds),8:F3} {times.Max(t => t.Elapsed.TotalSeconds),8:F3} " +
                $"{size / median / 1e9,7:F2} {Median(times.Select(t => t.Cpu)),7:F2}   {string.Join(' ', times.Select(t => t.Elapsed.TotalSeconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}");
        Row("PieceHasher", ours, ourMedian);
        Row("mktorrent", theirs, theirMedian);
        Console.WriteLine();
        var met = ratio <= Target;
        Console.WriteLine($"ratio ours/mktorrent = {ratio:F3} (target <= {Target:F1}): {(met ? "MET" : "MISSED")}; ours {size / ourMedian / 1e9:F2} GB/s (GB = 10^9 bytes).");
        return met ? 0 : 2;
    }
}
