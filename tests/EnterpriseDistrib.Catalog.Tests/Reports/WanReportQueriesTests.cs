using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Reports;
using EnterpriseDistrib.Catalog.Status;
using EnterpriseDistrib.Testing.Postgres;

namespace EnterpriseDistrib.Catalog.Tests.Reports;

[Collection(PostgresFixture.CollectionName)]
public sealed class WanReportQueriesTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Each_sites_row_sums_exactly_what_its_agents_counted_by_source()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        await AssertRowsSumTheAgentsCountsAsync(catalog);
    }

    [Fact]
    public async Task On_sqlite_each_sites_row_sums_exactly_what_its_agents_counted_by_source()
    {
        await using var catalog = await CatalogHarness.SqliteAsync();
        await AssertRowsSumTheAgentsCountsAsync(catalog);
    }

    [Fact]
    public async Task The_filters_select_one_rollout_one_package_or_a_date_range()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var site = await catalog.AddSiteAsync("Lyon", "10.2.0.0/16");
        var group = await catalog.AddGroupAsync("Rhone", site.Id);
        var sevenZip = await catalog.AddPackageVersionAsync("7-Zip", "24.08");
        var office = await catalog.AddPackageVersionAsync("Office", "2024");
        var first = await catalog.AddRolloutAsync(sevenZip.Id, group.Id);
        var second = await catalog.AddRolloutAsync(office.Id, group.Id);
        var agent = (await catalog.AddAgentsAsync(1, site.Id))[0];
        await catalog.StatusWriter.WriteAsync(
        [
            Report(agent.Id, first.Id, site.Id, AgentRolloutState.Downloading, new TransferTotal(TransferSourceClass.Origin, null, 10)),
            Report(agent.Id, second.Id, site.Id, AgentRolloutState.Downloading, new TransferTotal(TransferSourceClass.Origin, null, 20)),
        ]);
        var queries = catalog.Get<WanReportQueries>();

        Assert.Equal(10, (await queries.GetAsync(new WanReportFilter(RolloutId: first.Id))).WanBytes);
        Assert.Equal(20, (await queries.GetAsync(new WanReportFilter(PackageId: office.PackageId))).WanBytes);
        Assert.Equal(30, (await queries.GetAsync(new WanReportFilter(From: DateTimeOffset.UtcNow.AddHours(-1), To: DateTimeOffset.UtcNow.AddHours(1)))).WanBytes);
        Assert.Empty((await queries.GetAsync(new WanReportFilter(To: DateTimeOffset.UtcNow.AddDays(-1)))).Rows);
    }

    private static async Task AssertRowsSumTheAgentsCountsAsync(CatalogHarness catalog)
    {
        var paris = await catalog.AddSiteAsync("Paris", "10.1.0.0/16");
        var lyon = await catalog.AddSiteAsync("Lyon", "10.2.0.0/16");
        var group = await catalog.AddGroupAsync("France", paris.Id, lyon.Id);
        var version = await catalog.AddPackageVersionAsync();
        var rollout = await catalog.AddRolloutAsync(version.Id, group.Id);
        var parisAgents = await catalog.AddAgentsAsync(3, paris.Id);
        var lyonAgents = await catalog.AddAgentsAsync(2, lyon.Id);
        var size = version.TotalSize;

        // Paris: one fetcher takes the package from the origin, the others from it; Lyon: one from Paris, one from Lyon.
        await catalog.StatusWriter.WriteAsync(
        [
            Report(parisAgents[0].Id, rollout.Id, paris.Id, AgentRolloutState.Succeeded, new TransferTotal(TransferSourceClass.Origin, null, size)),
            Report(parisAgents[1].Id, rollout.Id, paris.Id, AgentRolloutState.Succeeded, new TransferTotal(TransferSourceClass.SameSite, paris.Id, size)),
            Report(parisAgents[2].Id, rollout.Id, paris.Id, AgentRolloutState.Downloading, new TransferTotal(TransferSourceClass.SameSite, paris.Id, size / 2)),
            Report(lyonAgents[0].Id, rollout.Id, lyon.Id, AgentRolloutState.Succeeded, new TransferTotal(TransferSourceClass.OtherSite, paris.Id, size - 5), new TransferTotal(TransferSourceClass.Origin, null, 5)),
            Report(lyonAgents[1].Id, rollout.Id, lyon.Id, AgentRolloutState.Failed, new TransferTotal(TransferSourceClass.SameSite, lyon.Id, size)),
        ]);

        var report = await catalog.Get<WanReportQueries>().GetAsync(new WanReportFilter(RolloutId: rollout.Id));

        var parisRow = Assert.Single(report.Rows, r => r.SiteId == paris.Id);
        var lyonRow = Assert.Single(report.Rows, r => r.SiteId == lyon.Id);
        Assert.Equal((size + size / 2, 0L, size), (parisRow.SameSiteBytes, parisRow.OtherSiteBytes, parisRow.OriginBytes));
        Assert.Equal((3, 2), (parisRow.Agents, parisRow.AgentsFinished));
        Assert.Null(parisRow.TimeToComplete);
        Assert.Equal(1.0, parisRow.WanCopies);
        Assert.Equal((size, size - 5, 5L), (lyonRow.SameSiteBytes, lyonRow.OtherSiteBytes, lyonRow.OriginBytes));
        Assert.Equal("Lyon", lyonRow.SiteName);
        Assert.NotNull(lyonRow.TimeToComplete);
        Assert.Equal(0.5, lyonRow.Savings, 6);
        Assert.Equal((4 * size) + (size / 2), report.TotalBytes);
        Assert.Equal(size + size, report.WanBytes);
        Assert.False(report.Truncated);
    }

    private static StatusReport Report(Guid agent, Guid rollout, Guid site, AgentRolloutState state, params TransferTotal[] transfers) =>
        new(agent, rollout, 1, DateTimeOffset.UtcNow, state, state == AgentRolloutState.Downloading ? 50 : 100, SiteId: site, Transfers: transfers);
}
