using System.Diagnostics;
using System.Globalization;
using System.Net;
using EnterpriseDistrib.Torrent.Swarm;

namespace EnterpriseDistrib.Benchmarks.Swarm;

/// <summary>
/// Where a leech's CPU goes, without a profiler: our seed runs as its own process and the leech runs in this
/// process, so the CPU time, the garbage collections and the bytes allocated per GiB received are the leech's alone.
/// </summary>
internal sealed class LeechCpuBenchmark : IBenchmark
{
    private static readonly IPAddress SeedAddress = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress LeechAddress = IPAddress.Parse("127.0.0.30");

    public string Verb => "leech-cpu";

    public string Summary => "CPU-s, GCs and bytes allocated per GiB of an in-process leech fed by our seed process [--size 1GiB] [--piece 4MiB] [--runs 3] [--dir /tmp]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new BenchmarkArgs(args);
        var size = options.GetSize("size", 1L << 30);
        var pieceLength = (int)options.GetSize("piece", 4 << 20);
        var runs = options.GetInt("runs", 3);
        await using var fixture = await SwarmFixture.CreateAsync(options.GetString("dir") ?? Path.GetTempPath(), size, pieceLength, cancellationToken);
        var seedPort = BenchTracker.FreePort(SeedAddress);
        await using var seed = new PeerLauncher(fixture.Folder).StartOurSeed("seed", fixture.TorrentFile, fixture.SeedFolder, SeedAddress, seedPort);
        await PeerLauncher.WaitForListenerAsync(new IPEndPoint(SeedAddress, seedPort), TimeSpan.FromMinutes(2), seed, cancellationToken);
        Console.WriteLine($"leech-cpu: {BenchmarkArgs.FormatSize(size)} in pieces of {BenchmarkArgs.FormatSize(pieceLength)}, server GC {System.Runtime.GCSettings.IsServerGC}, {Environment.ProcessorCount} cores.");
        Console.WriteLine($"{"run",3} {"wall s",7} {"user s",7} {"sys s",7} {"CPU s/GiB",10} {"MB alloc/GiB",13} {"gen0",5} {"gen1",5} {"gen2",5} {"seed CPU s",11}");

        var gib = size / (double)(1L << 30);
        for (var run = 1; run <= runs; run++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(fixture.Folder, $"leech-{run}")).FullName;
            var process = Process.GetCurrentProcess();
            var user0 = process.UserProcessorTime;
            var sys0 = process.PrivilegedProcessorTime;
            var allocated0 = GC.GetTotalAllocatedBytes(precise: true);
            var gcs0 = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var seedCpu0 = seed.CpuSecondsSoFar();
            var clock = Stopwatch.StartNew();
            await using (var engine = new SwarmEngine(new EngineSettings { BindAddress = LeechAddress }))
            {
                var session = await engine.AddTorrentAsync(
                    fixture.Metainfo, folder, new TorrentOptions { UseTrackers = false, Peers = [new IPEndPoint(SeedAddress, seedPort)] }, cancellationToken);
                await session.Completion.WaitAsync(TimeSpan.FromMinutes(10), cancellationToken);
            }

            var wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var user = (process.UserProcessorTime - user0).TotalSeconds;
            var sys = (process.PrivilegedProcessorTime - sys0).TotalSeconds;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run,3} {wall,7:F2} {user,7:F2} {sys,7:F2} {(user + sys) / gib,10:F2} {allocated / 1e6 / gib,13:F1} {GC.CollectionCount(0) - gcs0.Item1,5} {GC.CollectionCount(1) - gcs0.Item2,5} {GC.CollectionCount(2) - gcs0.Item3,5} {seed.CpuSecondsSoFar() - seedCpu0,11:F2}"));
            Directory.Delete(folder, recursive: true);
        }

        await seed.StopAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return 0;
    }
}
