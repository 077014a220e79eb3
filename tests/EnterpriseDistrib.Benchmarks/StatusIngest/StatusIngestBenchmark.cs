using System.Diagnostics;
using System.Globalization;
using EnterpriseDistrib.Catalog;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Status;
using EnterpriseDistrib.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EnterpriseDistrib.Benchmarks.StatusIngest;

/// <summary>
/// The database half of the issue #4 benchmark: 100,000 status reports from 10,000 agents written through
/// <see cref="StatusReportWriter"/> into PostgreSQL, in batches from concurrent writers (as the ingestion grains
/// flush them), while a reader polls the progress query until every agent shows its final state.
/// Target: all visible within 20 s. The HTTP driver (reports through the API) belongs with the server.
/// Uses a throwaway cluster (fsync off) unless EDIST_TEST_POSTGRES names a server.
/// </summary>
internal sealed class StatusIngestBenchmark : IBenchmark
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(20);

    public string Verb => "status-db";

    public string Summary =>
        "status reports into PostgreSQL via the batched writer [--agents 10000] [--reports 100000] [--batch 2000] [--writers 4] [--sites 50]";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = new BenchmarkArgs(args);
        var agentCount = options.GetInt("agents", 10_000);
        var reportCount = options.GetInt("reports", 100_000);
        var batchSize = options.GetInt("batch", 2_000);
        var writers = options.GetInt("writers", 4);
        var siteCount = options.GetInt("sites", 50);

        var postgres = new PostgresFixture();
        await postgres.InitializeAsync();
        try
        {
            var connectionString = await postgres.CreateCatalogDatabaseAsync();
            await using var services = new ServiceCollection()
                .AddCatalog(PostgresFixture.CatalogOptionsFor(connectionString))
                .BuildServiceProvider();
            Console.WriteLine($"PostgreSQL: {(postgres.IsThrowaway ? "throwaway cluster" : "EDIST_TEST_POSTGRES")}, {await SettingsAsync(connectionString, cancellationToken)}; " +
                $"{Environment.ProcessorCount} cores.");

            var workload = await StatusIngestWorkload.SeedAsync(services, agentCount, reportCount, siteCount, cancellationToken);
            var writer = services.GetRequiredService<StatusReportWriter>();
            var progress = services.GetRequiredService<RolloutProgressQueries>();
            var batches = workload.Reports.Chunk(batchSize).ToList();
            Console.WriteLine($"{workload.Reports.Count:N0} reports from {workload.Agents:N0} agents at {siteCount} sites, " +
                $"{batches.Count} batches of {batchSize:N0}, {writers} concurrent writers.");

            var clock = Stopwatch.StartNew();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var visible = WaitUntilAllVisibleAsync(progress, workload, clock, stop.Token);
            var next = -1;
            var latencies = new double[batches.Count];
            await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < batches.Count)
                {
                    var started = clock.Elapsed;
                    await writer.WriteAsync(batches[index], cancellationToken);
                    latencies[index] = (clock.Elapsed - started).TotalMilliseconds;
                }
            }, cancellationToken)));
            var written = clock.Elapsed;
            var allVisible = await visible.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);

            Array.Sort(latencies);
            var rate = workload.Reports.Count / written.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Written in {written.TotalSeconds:F2} s: {rate:N0} reports/s; batch latency p50 {latencies[latencies.Length / 2]:F0} ms, " +
                $"p99 {latencies[(int)(latencies.Length * 0.99)]:F0} ms."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"All {workload.Agents:N0} agents visible as Succeeded to the progress query after {allVisible.TotalSeconds:F2} s " +
                $"(target ≤ {Target.TotalSeconds:F0} s: ratio {allVisible / Target:F3})."));
            return allVisible <= Target ? 0 : 2;
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    private static async Task<TimeSpan> WaitUntilAllVisibleAsync(RolloutProgressQueries progress, StatusIngestWorkload workload, Stopwatch clock, CancellationToken cancellationToken)
    {
        // Poll the same query the API's progress endpoint runs, back to back: its own cost is part of the load.
        while (true)
        {
            var counts = await progress.GetStateCountsAsync(workload.RolloutId, cancellationToken: cancellationToken);
            if (counts.TryGetValue(AgentRolloutState.Succeeded, out var done) && done == workload.Agents)
            {
                return clock.Elapsed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    private static async Task<string> SettingsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var values = new List<string>();
        foreach (var name in new[] { "server_version", "fsync", "synchronous_commit", "full_page_writes" })
        {
            await using var command = new NpgsqlCommand($"SHOW {name}", connection);
            values.Add($"{name}={await command.ExecuteScalarAsync(cancellationToken)}");
        }

        return string.Join(", ", values);
    }
}
