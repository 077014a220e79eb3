using EnterpriseDistrib.Catalog.Agents;
using EnterpriseDistrib.Testing.Postgres;

namespace EnterpriseDistrib.Catalog.Tests.Agents;

[Collection(PostgresFixture.CollectionName)]
public sealed class AgentStoreTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_list_filters_by_site_and_hostname_and_pages_in_hostname_order()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var paris = await catalog.AddSiteAsync("Paris", "10.1.0.0/16");
        await catalog.AddAgentsAsync(25, paris.Id);
        await catalog.AddAgentsAsync(5);

        var page = await catalog.Agents.ListAsync(new AgentQuery(SiteId: paris.Id, Skip: 10, Take: 10));
        var unplaced = await catalog.Agents.ListAsync(new AgentQuery(Unplaced: true));
        var prefixed = await catalog.Agents.ListAsync(new AgentQuery(HostnamePrefix: "pc-00000"));

        Assert.Equal(25, page.Total);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"pc-{i:D6}"), page.Items.Select(a => a.Hostname));
        Assert.Equal(5, unplaced.Total);
        Assert.Equal(15, prefixed.Total); // pc-000000..pc-000009 at Paris, pc-000000..pc-000004 unplaced
    }

    [Fact]
    public async Task A_revoked_agent_is_marked_audited_and_its_heartbeats_are_refused()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var agent = (await catalog.AddAgentsAsync(1))[0];
        Assert.True(await catalog.Agents.RecordHeartbeatAsync(agent.Id, "10.1.2.3", "1.0.1"));

        Assert.True(await catalog.Agents.RevokeAsync(agent.Id, CatalogHarness.Actor));

        var read = await catalog.Agents.FindByCredentialHashAsync(agent.CredentialHash);
        Assert.True(read!.IsRevoked);
        Assert.Equal("1.0.1", read.AgentVersion);
        Assert.False(await catalog.Agents.RecordHeartbeatAsync(agent.Id, "10.1.2.3", null));
        Assert.False(await catalog.Agents.RevokeAsync(Guid.NewGuid(), CatalogHarness.Actor));
        var audit = await catalog.Audit.ListAsync("agent", agent.Id.ToString(), 0, 10);
        Assert.Equal(AuditActionsUnderTest.AgentRevoke, Assert.Single(audit.Items).Action);
    }

    [Fact]
    public async Task Placing_an_agent_records_the_site_and_the_reason()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var paris = await catalog.AddSiteAsync("Paris", "10.1.0.0/16");
        var agent = (await catalog.AddAgentsAsync(1))[0];

        Assert.True(await catalog.Agents.PlaceAsync(agent.Id, paris.Id, "10.1.2.3 is in 10.1.0.0/16 of Paris", pinned: false));

        var read = await catalog.Agents.GetAsync(agent.Id);
        Assert.Equal(paris.Id, read!.SiteId);
        Assert.Equal("10.1.2.3 is in 10.1.0.0/16 of Paris", read.SiteReason);
    }
}
