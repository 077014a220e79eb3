using EnterpriseDistrib.Cluster.Tests.Grains;
using EnterpriseDistrib.Cluster.Tests.Silos;
using EnterpriseDistrib.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace EnterpriseDistrib.Cluster.Tests.Membership;

/// <summary>Orleans' ADO.NET membership on the tables <c>edist db migrate</c> creates, with real silos.</summary>
[Collection(PostgresFixture.CollectionName)]
public sealed class AdoNetClusteringTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Three_silos_form_one_cluster_recorded_as_three_active_rows()
    {
        await using var cluster = await SiloCluster.StartAsync(await postgres.CreateCatalogDatabaseAsync(), count: 3);
        var expected = cluster.Silos.Select(silo => silo.Address).ToHashSet();

        var rows = await cluster.Database.MembershipAsync(cluster.Settings.ClusterId);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, row => Assert.Equal(MembershipRow.Active, row.Status));
        Assert.All(rows, row => Assert.Equal("127.0.0.1", row.Address));
        Assert.Equal(
            cluster.Silos.Select(silo => (silo.Endpoint.SiloPort, silo.Endpoint.GatewayPort)).Order(),
            rows.Select(row => (row.Port, row.ProxyPort ?? 0)).Order());
        // Three joins, each of which moved the table version on (plus any status changes on the way).
        Assert.True(await cluster.Database.MembershipVersionAsync(cluster.Settings.ClusterId) >= 3);

        foreach (var viewer in cluster.Silos)
        {
            var seen = await Eventually.Until(() => SiloCluster.ActiveSilosSeenBy(viewer), expected.SetEquals, Settle,
                $"{viewer.Name} sees all three silos active");
            Assert.Equal(3, seen.Count);
        }
    }

    [Fact]
    public async Task A_client_finds_the_gateways_through_the_membership_table()
    {
        await using var cluster = await SiloCluster.StartAsync(await postgres.CreateCatalogDatabaseAsync(), count: 2);
        var hosts = cluster.Silos.Select(silo => silo.Address.ToString()).ToHashSet();

        await using var client = await TestClient.ConnectAsync(cluster.Settings);

        var counter = client.Client.GetGrain<ICounterGrain>("through-a-gateway");
        Assert.Equal(3, await counter.Add(3));
        Assert.Contains(await counter.Host(), hosts);
    }

    [Fact]
    public async Task A_stopped_silo_is_marked_dead_and_rejoins_on_the_same_endpoint_when_restarted()
    {
        await using var cluster = await SiloCluster.StartAsync(await postgres.CreateCatalogDatabaseAsync(), count: 3);
        var viewer = cluster.Silos[0];
        var leaving = cluster.Silos[2];
        var oldAddress = leaving.Address;
        await Eventually.Until(() => SiloCluster.ActiveSilosSeenBy(viewer), seen => seen.Count == 3, Settle, "three silos active");

        await leaving.StopAsync();

        var afterStop = await Eventually.Until(
            () => cluster.Database.MembershipAsync(cluster.Settings.ClusterId),
            rows => rows.Single(row => row.Generation == oldAddress.Generation && row.Port == oldAddress.Endpoint.Port).Status == MembershipRow.Dead,
            Settle, "the stopped silo's row says Dead");
        Assert.Equal(2, afterStop.Count(row => row.Status == MembershipRow.Active));
        var seenAfterStop = await Eventually.Until(() => SiloCluster.ActiveSilosSeenBy(viewer), seen => seen.Count == 2, Settle,
            "the management grain sees two silos");
        Assert.DoesNotContain(oldAddress, seenAfterStop);

        var rejoined = await cluster.RestartAsync(leaving);

        Assert.Equal(oldAddress.Endpoint, rejoined.Address.Endpoint);
        Assert.True(rejoined.Address.Generation > oldAddress.Generation, "a restarted silo is a new generation");
        var rows = await cluster.Database.MembershipAsync(cluster.Settings.ClusterId);
        Assert.Equal(4, rows.Count);
        Assert.Equal(MembershipRow.Dead, rows.Single(row => row.Generation == oldAddress.Generation && row.Port == oldAddress.Endpoint.Port).Status);
        Assert.Equal(MembershipRow.Active, rows.Single(row => row.Generation == rejoined.Address.Generation && row.Port == oldAddress.Endpoint.Port).Status);
        var seenAfterRestart = await Eventually.Until(() => SiloCluster.ActiveSilosSeenBy(viewer), seen => seen.Count == 3, Settle,
            "the management grain sees the restarted silo");
        Assert.Contains(rejoined.Address, seenAfterRestart);

        // Orleans prunes dead rows older than a cutoff, naming each with the times it read back (timestamptz, UTC).
        var table = viewer.Services.GetRequiredService<IMembershipTable>();
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1));
        var pruned = await cluster.Database.MembershipAsync(cluster.Settings.ClusterId);
        Assert.Equal(3, pruned.Count);
        Assert.All(pruned, row => Assert.Equal(MembershipRow.Active, row.Status));
    }
}
