using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EnterpriseDistrib.Benchmarks.Swarm;
using EnterpriseDistrib.Catalog;
using EnterpriseDistrib.Server.Hosting;
using EnterpriseDistrib.Server.Tracker;
using EnterpriseDistrib.Testing.Postgres;
using EnterpriseDistrib.Torrent.Bencoding;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseDistrib.Benchmarks.Tracker;

/// <summary>
/// Issue #5's tracker benchmark as corrected (CORRECTIONS.md): announces per second of the real server on one silo,
/// with passkey auth, the revocation/assignment check, site policy and one swarm-grain call per announce, driven by
/// wrk on loopback through a script that rotates the agents' passkeys and peer ids; and opentracker under the same
/// wrk settings in the same run. Target: at least 1.8 × opentracker's rate.
/// </summary>
internal sealed class TrackerAnnounceBenchmark : IBenchmark
{
    private const double TargetRatio = 1.8;

    public string Verb => "tracker";

    public string Summary =>
        "announces/s of our tracker vs opentracker under wrk [--agents 10000] [--sites 50] [--seconds 10] [--threads 2] [--connections 64] [--numwant 50]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new BenchmarkArgs(args);
        var agentCount = options.GetInt("agents", 10_000);
        var siteCount = options.GetInt("sites", 50);
        var duration = TimeSpan.FromSeconds(options.GetInt("seconds", 10));
        var threads = options.GetInt("threads", 2);
        var connections = options.GetInt("connections", 64);
        var numWant = options.GetInt("numwant", 50);
        var work = Directory.CreateTempSubdirectory("edist-tracker-bench-").FullName;
        var postgres = new PostgresFixture();
        await postgres.InitializeAsync();
        try
        {
            var connectionString = await postgres.CreateCatalogDatabaseAsync();
            TrackerFleet fleet;
            await using (var seeding = new ServiceCollection().AddCatalog(PostgresFixture.CatalogOptionsFor(connectionString)).BuildServiceProvider())
            {
                fleet = await TrackerFleet.SeedAsync(seeding, agentCount, siteCount, cancellationToken);
            }

            var port = BenchTracker.FreePort(IPAddress.Loopback);
            await using var app = ServerHost.Build(
            [
                "--environment", "Benchmark",
                "--urls", $"http://127.0.0.1:{port}",
                "--Catalog:Provider=PostgreSql",
                $"--ConnectionStrings:Catalog={connectionString}",
                "--Catalog:MigrateOnStartup=false",
                $"--Silo:SiloPort={BenchTracker.FreePort(IPAddress.Loopback)}",
                "--Auth:Mode=Development",
                $"--Tracker:PasskeyKey={Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:EnterpriseDistrib.Server.Auth.DevelopmentModeGuard=Error",
            ], AppContext.BaseDirectory);
            await app.StartAsync(cancellationToken);
            var passkeys = app.Services.GetRequiredService<PasskeyCodec>();
            var hash = Escape(fleet.InfoHash.ToArray());
            var ours = fleet.AgentIds.Select((id, i) => $"/announce/{passkeys.Issue(id)}?{Query(hash, i, numWant)}").ToList();
            var reference = fleet.AgentIds.Select((_, i) => $"/announce?{Query(hash, i, numWant)}").ToList();

            var baseUrl = $"http://127.0.0.1:{port}";
            await WaitUntilAcceptedAsync(baseUrl + ours[0], "our tracker to see the running rollout", cancellationToken);
            var ourScript = await WrkRun.WriteScriptAsync(work, "ours", ours, cancellationToken);
            Console.WriteLine($"{agentCount:N0} agents at {siteCount} sites, one package; wrk -t{threads} -c{connections} -d{duration.TotalSeconds:0}s, numwant={numWant}; " +
                $"{Environment.ProcessorCount} cores shared by wrk and the tracker; load average before: {LoadAverage()}.");

            // Warm-up: every agent announces (its catalog facts cached, the swarm filled), the JIT settles.
            await WrkRun.RunAsync(baseUrl, ourScript, threads, connections, TimeSpan.FromSeconds(5), cancellationToken);
            var mine = await WrkRun.RunAsync(baseUrl, ourScript, threads, connections, duration, cancellationToken);
            var swarm = await ScrapeAsync(baseUrl, passkeys.Issue(fleet.AgentIds[0]), hash, cancellationToken);
            await app.StopAsync(CancellationToken.None);

            await using var opentracker = await BenchTracker.StartAsync(work, [fleet.InfoHash.ToHex()], cancellationToken);
            var opentrackerBase = opentracker.AnnounceUrl[..^"/announce".Length];
            await WaitUntilAcceptedAsync(opentrackerBase + reference[0], "opentracker to load its whitelist", cancellationToken);
            var referenceScript = await WrkRun.WriteScriptAsync(work, "opentracker", reference, cancellationToken);
            await WrkRun.RunAsync(opentrackerBase, referenceScript, threads, connections, TimeSpan.FromSeconds(5), cancellationToken);
            var theirs = await WrkRun.RunAsync(opentrackerBase, referenceScript, threads, connections, duration, cancellationToken);

            var ratio = mine.RequestsPerSecond / theirs.RequestsPerSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ours:        {mine.RequestsPerSecond,10:N0} announces/s  p50 {mine.P50Milliseconds:F2} ms  p99 {mine.P99Milliseconds:F2} ms  non-2xx {mine.Errors}; swarm after: {swarm}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"opentracker: {theirs.RequestsPerSecond,10:N0} announces/s  p50 {theirs.P50Milliseconds:F2} ms  p99 {theirs.P99Milliseconds:F2} ms  non-2xx {theirs.Errors}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio ours/opentracker: {ratio:F2} (target >= {TargetRatio:F1}). Load average after: {LoadAverage()}."));
            return mine.Errors == 0 && ratio >= TargetRatio ? 0 : 2;
        }
        finally
        {
            await postgres.DisposeAsync();
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Agent i: its own peer id and port; one in three a seed, the others partway.</summary>
    private static string Query(string hash, int i, int numWant) =>
        $"info_hash={hash}&peer_id=-ED0001-{i:D12}&port={10_000 + (i % 50_000)}&uploaded=0&downloaded={i % 1000}&left={(i % 3 == 0 ? 0 : 1_000_000)}&compact=1&numwant={numWant}";

    private static string Escape(byte[] bytes) => string.Concat(bytes.Select(b => $"%{b:x2}"));

    private static async Task WaitUntilAcceptedAsync(string url, string what, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        var body = "";
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                body = Encoding.Latin1.GetString(await http.GetByteArrayAsync(new Uri(url), cancellationToken));
                if (!body.Contains("failure reason", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException exception)
            {
                body = exception.Message;
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"Waited 60 s for {what}; last answer: {body}");
    }

    private static async Task<string> ScrapeAsync(string baseUrl, string passkey, string hash, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var body = await http.GetByteArrayAsync(new Uri($"{baseUrl}/scrape/{passkey}?info_hash={hash}"), cancellationToken);
        if (!BencodeDecoder.DecodeDictionary(body).TryGetValue("files", out var files) || ((BencodeDictionary)files).Count != 1)
        {
            return "scrape answered no swarm";
        }

        var counts = (BencodeDictionary)((BencodeDictionary)files).Single().Value;
        long Read(string key) => counts.TryGetValue(key, out var value) ? ((BencodeInteger)value).Value : -1;
        return $"{Read("complete"):N0} seeds, {Read("incomplete"):N0} partial peers";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
