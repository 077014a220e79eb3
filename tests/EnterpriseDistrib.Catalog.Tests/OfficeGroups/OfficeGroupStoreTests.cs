using EnterpriseDistrib.Catalog.Errors;
using EnterpriseDistrib.Catalog.OfficeGroups;
using EnterpriseDistrib.Testing.Postgres;

namespace EnterpriseDistrib.Catalog.Tests.OfficeGroups;

[Collection(PostgresFixture.CollectionName)]
public sealed class OfficeGroupStoreTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Membership_maps_each_group_to_its_sites()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var paris = await catalog.AddSiteAsync("Paris", "10.1.0.0/16");
        var lyon = await catalog.AddSiteAsync("Lyon", "10.2.0.0/16");
        var france = await catalog.AddGroupAsync("France", paris.Id, lyon.Id);
        var pilot = await catalog.AddGroupAsync("Pilot", paris.Id);
        var empty = await catalog.AddGroupAsync("Empty");

        var membership = await catalog.Groups.GetMembershipAsync();

        Assert.Equal([paris.Id, lyon.Id], membership[france.Id].Order());
        Assert.Equal([paris.Id], membership[pilot.Id]);
        Assert.Empty(membership[empty.Id]);
        Assert.Equal([france.Id, pilot.Id], (await catalog.Groups.ListGroupIdsOfSiteAsync(paris.Id)).Order());
    }

    [Fact]
    public async Task A_group_naming_an_unknown_site_is_refused()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var missing = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<CatalogReferenceException>(() => catalog.AddGroupAsync("Ghosts", missing));

        Assert.Contains(missing.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_replaces_members_and_a_stale_one_is_refused()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var paris = await catalog.AddSiteAsync("Paris", "10.1.0.0/16");
        var lyon = await catalog.AddSiteAsync("Lyon", "10.2.0.0/16");
        var group = await catalog.AddGroupAsync("France", paris.Id);

        var updated = await catalog.Groups.UpdateAsync(group.Id, group.Version, new OfficeGroupDraft("France", [lyon.Id]), CatalogHarness.Actor);
        await Assert.ThrowsAsync<CatalogConcurrencyException>(() =>
            catalog.Groups.UpdateAsync(group.Id, group.Version, new OfficeGroupDraft("France", [paris.Id]), CatalogHarness.Actor));

        Assert.Equal([lyon.Id], (await catalog.Groups.GetAsync(group.Id))!.Sites.Select(m => m.SiteId));
        Assert.Equal(group.Version + 1, updated!.Version);
    }

    [Fact]
    public async Task A_group_targeted_by_a_rollout_cannot_be_deleted()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var paris = await catalog.AddSiteAsync("Paris", "10.1.0.0/16");
        var group = await catalog.AddGroupAsync("France", paris.Id);
        var version = await catalog.AddPackageVersionAsync();
        await catalog.AddRolloutAsync(version.Id, group.Id);

        await Assert.ThrowsAsync<CatalogConflictException>(() => catalog.Groups.DeleteAsync(group.Id, null, CatalogHarness.Actor));
        Assert.NotNull(await catalog.Groups.GetAsync(group.Id));
    }
}
