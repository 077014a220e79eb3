using EnterpriseDistrib.Cluster.Tests.Grains;
using EnterpriseDistrib.Cluster.Tests.Silos;
using EnterpriseDistrib.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace EnterpriseDistrib.Cluster.Tests.Persistence;

/// <summary>Orleans' ADO.NET grain storage on the tables <c>edist db migrate</c> creates, with real silos.</summary>
[Collection(PostgresFixture.CollectionName)]
public sealed class AdoNetGrainStorageTests(PostgresFixture postgres)
{
    private const string GrainType = "counter";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task State_written_on_one_silo_is_read_back_after_that_silo_stops_and_the_grain_moves()
    {
        await using var cluster = await SiloCluster.StartAsync(await postgres.CreateCatalogDatabaseAsync(), count: 2);
        var counter = cluster.Silos[0].Grains.GetGrain<ICounterGrain>("moves");
        Assert.Equal(5, await counter.Add(5));
        Assert.Equal(12, await counter.Add(7));
        var firstHost = await counter.Host();
        var hosting = cluster.Silos.Single(silo => silo.Address.ToString() == firstHost);
        var survivor = cluster.Silos.Single(silo => silo != hosting);

        await hosting.StopAsync();

        var moved = survivor.Grains.GetGrain<ICounterGrain>("moves");
        var newHost = await Eventually.Until(moved.Host, host => host == survivor.Address.ToString(), Settle,
            "the counter reactivates on the surviving silo");
        Assert.NotEqual(firstHost, newHost);
        Assert.Equal(12, await moved.Get());
        var stored = await cluster.Database.RowsAsync(
            "SELECT version, payload IS NOT NULL FROM orleans_grain_state WHERE service_id = @p", cluster.Settings.ServiceId);
        var row = Assert.Single(stored);
        Assert.Equal(2, row[0]);
        Assert.Equal(true, row[1]);
    }

    [Fact]
    public async Task A_write_with_a_stale_or_missing_ETag_is_rejected_as_inconsistent_state()
    {
        await using var cluster = await SiloCluster.StartAsync(await postgres.CreateCatalogDatabaseAsync(), count: 1);
        var storage = cluster.Silos[0].Services.GetRequiredKeyedService<IGrainStorage>(CounterGrain.StorageName);
        var grainId = GrainId.Create(GrainType, "etag");
        var first = new GrainState<CounterState>(new CounterState());
        var second = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(GrainType, grainId, first);
        await storage.ReadStateAsync(GrainType, grainId, second);
        Assert.False(first.RecordExists);
        Assert.Null(first.ETag);

        first.State!.Value = 1;
        await storage.WriteStateAsync(GrainType, grainId, first);
        Assert.Equal("1", first.ETag);

        // second never saw the row: creating it again must fail, not overwrite.
        second.State!.Value = 2;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, grainId, second));

        await storage.ReadStateAsync(GrainType, grainId, second);
        Assert.Equal(1, second.State!.Value);
        second.State!.Value = 2;
        await storage.WriteStateAsync(GrainType, grainId, second);
        Assert.Equal("2", second.ETag);

        // first still holds version 1: both its write and its clear are refused.
        first.State!.Value = 3;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, grainId, first));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(GrainType, grainId, first));

        await storage.ClearStateAsync(GrainType, grainId, second);
        Assert.False(second.RecordExists);
        Assert.Equal("3", second.ETag);
        var reread = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync(GrainType, grainId, reread);
        Assert.False(reread.RecordExists);
        Assert.Equal(0, reread.State!.Value);
        Assert.Equal("3", reread.ETag);

        // The version line continues after a clear.
        reread.State!.Value = 4;
        await storage.WriteStateAsync(GrainType, grainId, reread);
        Assert.Equal("4", reread.ETag);
    }
}
