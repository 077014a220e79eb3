using System.Globalization;

namespace EnterpriseDistrib.Benchmarks.Swarm;

/// <summary>
/// A leech's peak memory (RSS, from GNU time) while it downloads the whole content from one seed over
/// loopback, against the issue's limit of 200 MB; our engine only, so it runs in a fraction of swarm-1to1.
/// </summary>
internal sealed class LeechMemoryBenchmark : IBenchmark
{
    private const long LimitBytes = 200_000_000;

    public string Verb => "leech-memory";

    public string Summary => "peak RSS of our leech downloading from one seed over loopback (limit < 200 MB) [--size 2GiB] [--piece 4MiB] [--runs 3] [--dir /tmp]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new BenchmarkArgs(args);
        var size = options.GetSize("size", 2L << 30);
        var pieceLength = (int)options.GetSize("piece", 4 << 20);
        var runs = options.GetInt("runs", 3);
        await using var fixture = await SwarmFixture.CreateAsync(options.GetString("dir") ?? Path.GetTempPath(), size, pieceLength, cancellationToken);
        Console.WriteLine($"leech memory: 1 seed -> 1 leech, {BenchmarkArgs.FormatSize(size)} in pieces of {BenchmarkArgs.FormatSize(pieceLength)}, {runs} runs.");

        var peaks = new List<long>();
        for (var run = 1; run <= runs; run++)
        {
            var result = await fixture.NewRun().RunAsync(SwarmClient.Ours, 1, cancellationToken);
            peaks.Add(result.PeakLeechResidentKiB * 1024L);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: peak RSS {peaks[^1] / 1e6:F0} MB, done in {result.LastDoneSeconds:F2} s"));
        }

        var worst = peaks.Max();
        var met = worst < LimitBytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"leech peak memory: worst {worst / 1e6:F0} MB of {runs} runs (limit < 200 MB): {(met ? "MET" : "MISSED")}."));
        return met ? 0 : 2;
    }
}
