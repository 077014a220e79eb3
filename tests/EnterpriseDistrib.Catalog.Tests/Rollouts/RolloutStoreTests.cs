using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Errors;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.Testing.Postgres;

namespace EnterpriseDistrib.Catalog.Tests.Rollouts;

[Collection(PostgresFixture.CollectionName)]
public sealed class RolloutStoreTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_new_rollout_is_scheduled_with_its_waves_in_order()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var paris = await catalog.AddSiteAsync("Paris", "10.1.0.0/16");
        var pilot = await catalog.AddGroupAsync("Pilot", paris.Id);
        var france = await catalog.AddGroupAsync("France", paris.Id);
        var version = await catalog.AddPackageVersionAsync();

        var created = await catalog.AddRolloutAsync(version.Id, pilot.Id, france.Id);

        var read = await catalog.Rollouts.GetAsync(created.Id);
        Assert.Equal(RolloutStatus.Scheduled, read!.Status);
        Assert.Equal([pilot.Id, france.Id], read.Waves.Select(w => w.OfficeGroupId));
        Assert.Equal([0, 1], read.Waves.Select(w => w.Ordinal));
        Assert.Equal(RolloutDefaults.MaxWanFetchersPerSite, read.MaxWanFetchersPerSite);
    }

    [Fact]
    public async Task A_rollout_naming_an_unknown_version_or_group_is_refused()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var version = await catalog.AddPackageVersionAsync();

        await Assert.ThrowsAsync<CatalogReferenceException>(() => catalog.AddRolloutAsync(Guid.NewGuid()));
        await Assert.ThrowsAsync<CatalogReferenceException>(() => catalog.AddRolloutAsync(version.Id, Guid.NewGuid()));
    }

    [Fact]
    public async Task Status_moves_set_timestamps_and_a_stale_move_is_refused()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var version = await catalog.AddPackageVersionAsync();
        var rollout = await catalog.AddRolloutAsync(version.Id);

        var running = await catalog.Rollouts.SetStatusAsync(rollout.Id, rollout.Version, RolloutStatus.Running, null, "system");
        // The admin's pause raced the grain's start and read the old version.
        await Assert.ThrowsAsync<CatalogConcurrencyException>(() =>
            catalog.Rollouts.SetStatusAsync(rollout.Id, rollout.Version, RolloutStatus.Paused, "by admin", CatalogHarness.Actor));
        var cancelled = await catalog.Rollouts.SetStatusAsync(rollout.Id, running!.Version, RolloutStatus.Cancelled, "not needed", CatalogHarness.Actor);

        Assert.NotNull(running.StartedAt);
        Assert.Equal(RolloutStatus.Cancelled, cancelled!.Status);
        Assert.NotNull(cancelled.EndedAt);
        Assert.Equal(rollout.Version + 2, cancelled.Version);
        Assert.Equal(2, (await catalog.Audit.ListAsync("rollout", rollout.Id.ToString(), 0, 10)).Items.Count(a => a.Action == AuditActionsUnderTest.RolloutStatus));
    }

    [Fact]
    public async Task Listing_by_status_returns_only_those_rollouts()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var version = await catalog.AddPackageVersionAsync();
        var scheduled = await catalog.AddRolloutAsync(version.Id);
        var running = await catalog.AddRolloutAsync(version.Id);
        await catalog.Rollouts.SetStatusAsync(running.Id, running.Version, RolloutStatus.Running, null, "system");

        var active = await catalog.Rollouts.ListByStatusAsync([RolloutStatus.Running]);
        var page = await catalog.Rollouts.ListAsync(new RolloutQuery(Status: RolloutStatus.Scheduled));

        Assert.Equal([running.Id], active.Select(r => r.Id));
        Assert.Equal([scheduled.Id], page.Items.Select(r => r.Id));
    }
}
