using System.Diagnostics;
using System.Net;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Storage;

namespace EnterpriseDistrib.Benchmarks.Swarm;

/// <summary>Which program every peer of a benchmark swarm runs.</summary>
internal enum SwarmClient
{
    Ours,
    Aria2,
}

/// <summary>What one seed → N leeches run measured: each leech's process stats and the seed's CPU during the transfer.</summary>
internal sealed record SwarmResult(SwarmClient Client, IReadOnlyList<ProcessStats> Leeches, double SeedCpuSeconds, long BytesDelivered)
{
    /// <summary>When the last leech was done, from the moment they were all started.</summary>
    public double LastDoneSeconds { get; init; }

    public double TotalCpuSeconds => Leeches.Sum(l => l.CpuSeconds) + SeedCpuSeconds;

    public double CpuSecondsPerGiB => TotalCpuSeconds / (BytesDelivered / (double)(1L << 30));

    public long PeakLeechResidentKiB => Leeches.Max(l => l.MaxResidentKiB);
}

/// <summary>
/// Runs one swarm: a seed holding the content, N leeches each on its own 127.0.0.x address, peers found
/// through opentracker; times until every leech has exited with the whole content verified.
/// </summary>
internal sealed class SwarmRun(string workFolder, string torrentFile, TorrentMetainfo metainfo, string seedFolder)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private static readonly IPAddress SeedAddress = IPAddress.Parse("127.0.0.2");

    public async Task<SwarmResult> RunAsync(SwarmClient client, int leechCount, CancellationToken cancellationToken)
    {
        var launcher = new PeerLauncher(workFolder);
        var runFolder = Directory.CreateDirectory(Path.Combine(workFolder, $"run-{client}-{Guid.NewGuid():N}")).FullName;
        var seedPort = BenchTracker.FreePort(SeedAddress);
        await using var seed = client == SwarmClient.Ours
            ? launcher.StartOurSeed("seed", torrentFile, seedFolder, SeedAddress, seedPort)
            : launcher.StartAria2Seed("seed", torrentFile, seedFolder, SeedAddress, seedPort);
        var leeches = new List<TimedProcess>();
        try
        {
            await PeerLauncher.WaitForListenerAsync(new IPEndPoint(SeedAddress, seedPort), TimeSpan.FromMinutes(2), seed, cancellationToken);

            // aria2c listens before it has announced; give its first announce a moment so leeches find it.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var seedCpuBefore = seed.CpuSecondsSoFar();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < leechCount; i++)
            {
                var address = IPAddress.Parse($"127.0.0.{20 + i}");
                var folder = Directory.CreateDirectory(Path.Combine(runFolder, $"leech{i}")).FullName;
                var port = BenchTracker.FreePort(address);
                leeches.Add(client == SwarmClient.Ours
                    ? launcher.StartOurLeech($"leech{i}", torrentFile, folder, address, port)
                    : launcher.StartAria2Leech($"leech{i}", torrentFile, folder, address, port));
            }

            var stats = await Task.WhenAll(leeches.Select(l => l.WaitAsync(Limit, cancellationToken)));
            var lastDone = clock.Elapsed.TotalSeconds;
            var seedCpu = seed.CpuSecondsSoFar() - seedCpuBefore;
            await seed.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
            foreach (var (leech, stat) in leeches.Zip(stats))
            {
                if (stat.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{client} {leech.Name} exited with {stat.ExitCode}:{Environment.NewLine}{leech.RecentOutput}");
                }
            }

            await VerifyLeechesAsync(runFolder, leechCount, cancellationToken);
            return new SwarmResult(client, stats, seedCpu, leechCount * metainfo.Layout.TotalLength) { LastDoneSeconds = lastDone };
        }
        finally
        {
            foreach (var leech in leeches)
            {
                await leech.DisposeAsync();
            }

            Directory.Delete(runFolder, recursive: true);
        }
    }

    /// <summary>Every leech must hold the exact content: a fast benchmark of wrong bytes proves nothing.</summary>
    private async Task VerifyLeechesAsync(string runFolder, int leechCount, CancellationToken cancellationToken)
    {
        var checker = new PieceChecker();
        for (var i = 0; i < leechCount; i++)
        {
            var good = await checker.CheckAsync(metainfo.Layout, Path.Combine(runFolder, $"leech{i}"), cancellationToken: cancellationToken);
            if (!good.AllSet)
            {
                throw new InvalidOperationException($"leech{i} finished with {metainfo.Layout.PieceCount - good.TrueCount} bad pieces.");
            }
        }
    }
}
