using EnterpriseDistrib.Cluster.Tests.Grains;
using EnterpriseDistrib.Cluster.Tests.Silos;
using EnterpriseDistrib.Testing.Postgres;

namespace EnterpriseDistrib.Cluster.Tests.Reminders;

/// <summary>Orleans' ADO.NET reminder table on the tables <c>edist db migrate</c> creates, with real silos.</summary>
[Collection(PostgresFixture.CollectionName)]
public sealed class AdoNetReminderTests(PostgresFixture postgres)
{
    private const string ReminderName = "probe";
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TickTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_registered_reminder_is_stored_fires_and_is_removed_when_unregistered()
    {
        await using var cluster = await SiloCluster.StartAsync(await postgres.CreateCatalogDatabaseAsync(), count: 2);
        var grain = cluster.Silos[0].Grains.GetGrain<IReminderProbeGrain>("reminded");

        await grain.Register(ReminderName, dueTime: TimeSpan.FromMilliseconds(500), Period);

        var stored = Assert.Single(await cluster.Database.RowsAsync(
            "SELECT grain_id, reminder_name, period_ms, version FROM orleans_reminder WHERE service_id = @p",
            cluster.Settings.ServiceId));
        Assert.EndsWith("/reminded", (string)stored[0]!, StringComparison.Ordinal);
        Assert.Equal(ReminderName, stored[1]);
        Assert.Equal((long)Period.TotalMilliseconds, stored[2]);
        Assert.Equal(0, stored[3]);
        Assert.Equal([ReminderName], await grain.ListReminderNames());

        var first = await cluster.Ticks.NextAsync(TickTimeout);
        var second = await cluster.Ticks.NextAsync(TickTimeout);
        Assert.Equal(("reminded", ReminderName), (first.GrainKey, first.ReminderName));
        Assert.Equal(("reminded", ReminderName), (second.GrainKey, second.ReminderName));
        Assert.True(second.CurrentTickTime > first.CurrentTickTime, "the reminder ticks again, one period later");

        // Registering again updates the row in place and moves its ETag on.
        await grain.Register(ReminderName, dueTime: TimeSpan.FromMilliseconds(500), Period * 2);
        var updated = Assert.Single(await cluster.Database.RowsAsync(
            "SELECT period_ms, version FROM orleans_reminder WHERE service_id = @p", cluster.Settings.ServiceId));
        Assert.Equal((long)(Period * 2).TotalMilliseconds, updated[0]);
        Assert.Equal(1, updated[1]);

        Assert.True(await grain.Unregister(ReminderName));

        Assert.Empty(await cluster.Database.RowsAsync("SELECT 1 FROM orleans_reminder WHERE service_id = @p", cluster.Settings.ServiceId));
        Assert.Empty(await grain.ListReminderNames());
        Assert.False(await grain.Unregister(ReminderName));
    }
}
