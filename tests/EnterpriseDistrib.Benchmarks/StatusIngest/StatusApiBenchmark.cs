using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using EnterpriseDistrib.Catalog;
using EnterpriseDistrib.Server.Hosting;
using EnterpriseDistrib.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseDistrib.Benchmarks.StatusIngest;

/// <summary>
/// Issue #4's benchmark end to end: 100,000 status reports from 10,000 agents sent as HTTP requests to the real
/// server (Kestrel on loopback, agent credentials checked per request, the status ingestion grain batching into
/// a throwaway PostgreSQL), while an admin polls the progress endpoint until every agent shows Succeeded.
/// Each agent sends its reports one request at a time, in order. Target: all visible within 20 s.
/// Client and server share this machine's cores, so the figure is a floor for the server alone.
/// </summary>
internal sealed class StatusApiBenchmark : IBenchmark
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(20);

    public string Verb => "status-api";

    public string Summary =>
        "status reports through the HTTP API into PostgreSQL [--agents 10000] [--reports 100000] [--concurrency 256] [--per-request 1] [--sites 50]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new BenchmarkArgs(args);
        var agentCount = options.GetInt("agents", 10_000);
        var reportCount = options.GetInt("reports", 100_000);
        var concurrency = options.GetInt("concurrency", 256);
        var perRequest = options.GetInt("per-request", 1);
        var siteCount = options.GetInt("sites", 50);
        var reportsPerAgent = Math.Max(2, reportCount / agentCount);

        var postgres = new PostgresFixture();
        await postgres.InitializeAsync();
        try
        {
            var connectionString = await postgres.CreateCatalogDatabaseAsync();
            StatusApiFleet fleet;
            await using (var seeding = new ServiceCollection().AddCatalog(PostgresFixture.CatalogOptionsFor(connectionString)).BuildServiceProvider())
            {
                fleet = await StatusApiFleet.SeedAsync(seeding, agentCount, siteCount, cancellationToken);
            }

            var port = FreePort();
            await using var app = ServerHost.Build(
            [
                "--environment", "Benchmark",
                "--urls", $"http://127.0.0.1:{port}",
                "--Catalog:Provider=PostgreSql",
                $"--ConnectionStrings:Catalog={connectionString}",
                "--Catalog:MigrateOnStartup=false",
                $"--Silo:SiloPort={FreePort()}",
                "--Auth:Mode=Development",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:EnterpriseDistrib.Server.Auth.DevelopmentModeGuard=Error",
            ], AppContext.BaseDirectory);
            await app.StartAsync(cancellationToken);

            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(2) };
            var admin = await AdminTokenAsync(http, cancellationToken);
            (await Send(http, HttpMethod.Get, $"api/v1/rollouts/{fleet.RolloutId}", admin, null, cancellationToken)).EnsureSuccessStatusCode();

            var bodies = Bodies(fleet.RolloutId, reportsPerAgent, perRequest);
            var total = agentCount * reportsPerAgent;
            Console.WriteLine($"PostgreSQL: throwaway cluster (fsync off, synchronous_commit off); {Environment.ProcessorCount} cores shared by client and server; " +
                $"load average before: {LoadAverage()}.");
            Console.WriteLine($"{total:N0} reports from {agentCount:N0} agents at {siteCount} sites; {perRequest} report(s) per request, " +
                $"{bodies.Count * agentCount:N0} requests, {concurrency} agents sending at once.");

            var clock = Stopwatch.StartNew();
            using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var visible = WaitUntilAllSucceededAsync(http, admin, fleet.RolloutId, agentCount, clock, stopPolling.Token);
            var latencies = new double[bodies.Count * agentCount];
            var failures = 0;
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int agent;
                while ((agent = Interlocked.Increment(ref next)) < agentCount)
                {
                    for (var step = 0; step < bodies.Count; step++)
                    {
                        var started = clock.Elapsed;
                        using var response = await Send(http, HttpMethod.Post, "api/v1/agent/status", fleet.Credentials[agent], bodies[step], cancellationToken);
                        if (!response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref failures);
                        }

                        latencies[agent * bodies.Count + step] = (clock.Elapsed - started).TotalMilliseconds;
                    }
                }
            }, cancellationToken)));
            var acknowledged = clock.Elapsed;
            var allVisible = await visible.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);

            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"All acknowledged after {acknowledged.TotalSeconds:F2} s: {total / acknowledged.TotalSeconds:N0} reports/s, " +
                $"{latencies.Length / acknowledged.TotalSeconds:N0} requests/s; request latency p50 {latencies[latencies.Length / 2]:F1} ms, " +
                $"p99 {latencies[(int)(latencies.Length * 0.99)]:F1} ms; {failures} failed requests."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"All {agentCount:N0} agents visible as Succeeded to the progress endpoint after {allVisible.TotalSeconds:F2} s " +
                $"(target <= {Target.TotalSeconds:F0} s: ratio {allVisible / Target:F3})."));
            Console.WriteLine($"Load average after: {LoadAverage()} (other work on the machine lowers these figures).");
            await app.StopAsync(CancellationToken.None);
            return failures == 0 && allVisible <= Target ? 0 : 2;
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    /// <summary>One agent's request bodies: reports Pending → Downloading … → Succeeded with increasing sequences.</summary>
    private static List<byte[]> Bodies(Guid rolloutId, int reportsPerAgent, int perRequest)
    {
        var reports = Enumerable.Range(1, reportsPerAgent).Select(step => new
        {
            rolloutId,
            sequence = step,
            state = step == reportsPerAgent ? "Succeeded" : step == 1 ? "Pending" : "Downloading",
            progressPercent = 100 * step / reportsPerAgent,
            bytesDownloaded = (1L << 30) * step / reportsPerAgent,
            exitCode = step == reportsPerAgent ? 0 : (int?)null,
        }).ToList();
        return [.. reports.Chunk(Math.Max(1, perRequest)).Select(chunk => JsonSerializer.SerializeToUtf8Bytes(new { reports = chunk }))];
    }

    private static async Task<TimeSpan> WaitUntilAllSucceededAsync(HttpClient http, string admin, Guid rolloutId, int agents, Stopwatch clock, CancellationToken cancellationToken)
    {
        // The same progress endpoint an admin watches, polled back to back: its cost is part of the load.
        while (true)
        {
            using var response = await Send(http, HttpMethod.Get, $"api/v1/rollouts/{rolloutId}/progress", admin, null, cancellationToken);
            response.EnsureSuccessStatusCode();
            using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
            if (document.RootElement.GetProperty("states").TryGetProperty("Succeeded", out var done) && done.GetInt32() == agents)
            {
                return clock.Elapsed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private static async Task<string> AdminTokenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(new Uri("dev/token?role=Admin&name=benchmark", UriKind.Relative), null, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return document.RootElement.GetProperty("access_token").GetString()!;
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string bearer, byte[]? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        }

        return http.SendAsync(request, cancellationToken);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
