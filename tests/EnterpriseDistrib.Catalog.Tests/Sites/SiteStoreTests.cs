using EnterpriseDistrib.Catalog.Errors;
using EnterpriseDistrib.Catalog.Sites;
using EnterpriseDistrib.Testing.Postgres;

namespace EnterpriseDistrib.Catalog.Tests.Sites;

[Collection(PostgresFixture.CollectionName)]
public sealed class SiteStoreTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_created_site_reads_back_with_its_ranges_and_an_audit_entry()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);

        var site = await catalog.Sites.CreateAsync(
            new SiteDraft("Paris", ["10.1.0.0/16", "2001:db8:1::/48"], "HQ", null, 1_000_000_000, "Europe/Paris"), CatalogHarness.Actor);

        var read = await catalog.Sites.GetAsync(site.Id);
        Assert.NotNull(read);
        Assert.Equal("Paris", read.Name);
        Assert.Equal(["10.1.0.0/16", "2001:db8:1::/48"], read.Ranges.Select(r => r.Cidr).Order());
        Assert.Equal(1_000_000_000, read.WanCapacityBitsPerSecond);
        var ranges = await catalog.Sites.ListAllRangesAsync();
        Assert.Equal(2, ranges.Count(r => r.SiteId == site.Id && r.SiteName == "Paris"));
        var audit = await catalog.Audit.ListAsync("site", site.Id.ToString(), 0, 10);
        Assert.Equal(AuditActionsUnderTest.SiteCreate, Assert.Single(audit.Items).Action);
    }

    [Fact]
    public async Task A_second_site_with_the_same_name_is_a_conflict()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        await catalog.AddSiteAsync("Lyon", "10.2.0.0/16");

        var error = await Assert.ThrowsAsync<CatalogConflictException>(() => catalog.AddSiteAsync("Lyon", "10.3.0.0/16"));

        Assert.Contains("Lyon", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_from_a_stale_version_is_refused_and_changes_nothing()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var site = await catalog.AddSiteAsync("Berlin", "10.4.0.0/16");
        var first = await catalog.Sites.UpdateAsync(site.Id, site.Version, new SiteDraft("Berlin", ["10.4.0.0/16", "10.5.0.0/16"]), CatalogHarness.Actor);
        Assert.NotNull(first);
        Assert.Equal(site.Version + 1, first.Version);

        // A second admin still holds the original version.
        await Assert.ThrowsAsync<CatalogConcurrencyException>(() =>
            catalog.Sites.UpdateAsync(site.Id, site.Version, new SiteDraft("Berlin-2", ["10.9.0.0/16"]), CatalogHarness.Actor));

        var read = await catalog.Sites.GetAsync(site.Id);
        Assert.Equal("Berlin", read!.Name);
        Assert.Equal(["10.4.0.0/16", "10.5.0.0/16"], read.Ranges.Select(r => r.Cidr).Order());
    }

    [Fact]
    public async Task An_update_replaces_the_ranges()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var site = await catalog.AddSiteAsync("Madrid", "10.6.0.0/16", "10.7.0.0/16");

        await catalog.Sites.UpdateAsync(site.Id, site.Version, new SiteDraft("Madrid", ["10.7.0.0/16", "10.8.0.0/16"]), CatalogHarness.Actor);

        var read = await catalog.Sites.GetAsync(site.Id);
        Assert.Equal(["10.7.0.0/16", "10.8.0.0/16"], read!.Ranges.Select(r => r.Cidr).Order());
    }

    [Fact]
    public async Task A_site_cannot_become_its_own_ancestor()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var europe = await catalog.AddSiteAsync("Europe");
        var paris = await catalog.Sites.CreateAsync(new SiteDraft("Paris", [], ParentId: europe.Id), CatalogHarness.Actor);

        await Assert.ThrowsAsync<CatalogReferenceException>(() =>
            catalog.Sites.UpdateAsync(europe.Id, europe.Version, new SiteDraft("Europe", [], ParentId: paris.Id), CatalogHarness.Actor));
        await Assert.ThrowsAsync<CatalogReferenceException>(() =>
            catalog.Sites.CreateAsync(new SiteDraft("Orphan", [], ParentId: Guid.NewGuid()), CatalogHarness.Actor));
    }

    [Fact]
    public async Task Deleting_a_site_unplaces_its_agents_and_removes_its_ranges()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var site = await catalog.AddSiteAsync("Rome", "10.10.0.0/16");
        var agent = (await catalog.AddAgentsAsync(1, site.Id))[0];

        Assert.True(await catalog.Sites.DeleteAsync(site.Id, site.Version, CatalogHarness.Actor));

        Assert.Null(await catalog.Sites.GetAsync(site.Id));
        Assert.Empty(await catalog.Sites.ListAllRangesAsync());
        Assert.Null((await catalog.Agents.GetAsync(agent.Id))!.SiteId);
        Assert.False(await catalog.Sites.DeleteAsync(site.Id, null, CatalogHarness.Actor));
    }
}
