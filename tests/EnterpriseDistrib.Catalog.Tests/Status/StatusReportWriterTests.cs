using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Status;
using EnterpriseDistrib.Testing.Postgres;

namespace EnterpriseDistrib.Catalog.Tests.Status;

[Collection(PostgresFixture.CollectionName)]
public sealed class StatusReportWriterTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Ten_thousand_reports_are_written_in_one_round_trip()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var (rollout, agents, site) = await SeedAsync(catalog, 10_000);
        var reports = agents.Select((a, i) => new StatusReport(a.Id, rollout.Id, 1, DateTimeOffset.UtcNow,
            i % 10 == 0 ? AgentRolloutState.Failed : AgentRolloutState.Succeeded, 100, 1000, i % 10 == 0 ? 1603 : 0, SiteId: site.Id,
            Transfers: [new TransferTotal(TransferSourceClass.SameSite, site.Id, 900), new TransferTotal(TransferSourceClass.Origin, null, 100)])).ToList();

        StatusWriteResult result;
        IReadOnlyList<string> commands;
        using (var counter = new CommandCounter())
        {
            result = await catalog.StatusWriter.WriteAsync(reports);
            commands = counter.Commands;
        }

        Assert.Equal(new StatusWriteResult(10_000, 10_000, 0), result);
        Assert.True(commands.Count == 1, $"expected one batch, saw {commands.Count}: {string.Join(" | ", commands.Select(c => c[..Math.Min(80, c.Length)]))}");
        var counts = await catalog.Progress.GetStateCountsAsync(rollout.Id);
        Assert.Equal(9_000, counts[AgentRolloutState.Succeeded]);
        Assert.Equal(1_000, counts[AgentRolloutState.Failed]);
        var transfers = Assert.Single(await catalog.Progress.GetSiteTransfersAsync(rollout.Id));
        Assert.Equal(9_000_000, transfers.SameSiteBytes);
        Assert.Equal(1_000_000, transfers.OriginBytes);
        Assert.Equal(0.9, transfers.Savings, 6);
    }

    [Fact]
    public async Task An_older_report_never_overwrites_a_newer_state()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        await AssertOlderReportsAreIgnoredAsync(catalog);
    }

    [Fact]
    public async Task Within_one_batch_the_highest_sequence_wins_whatever_the_order()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        await AssertHighestSequenceInBatchWinsAsync(catalog);
    }

    [Fact]
    public async Task Reports_for_unknown_agents_or_rollouts_are_skipped_without_failing_the_batch()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        await AssertUnknownKeysAreSkippedAsync(catalog);
    }

    [Fact]
    public async Task Transfer_totals_only_grow()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        await AssertTransferTotalsOnlyGrowAsync(catalog);
    }

    [Fact]
    public async Task Concurrent_batches_over_the_same_agents_in_opposite_orders_neither_deadlock_nor_lose_the_newest()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var (rollout, agents, site) = await SeedAsync(catalog, 2000);
        var forward = agents.Select(a => new StatusReport(a.Id, rollout.Id, 1, DateTimeOffset.UtcNow, AgentRolloutState.Downloading, 10, SiteId: site.Id)).ToList();
        var backward = agents.Reverse().Select(a => new StatusReport(a.Id, rollout.Id, 2, DateTimeOffset.UtcNow, AgentRolloutState.Succeeded, 100, SiteId: site.Id)).ToList();

        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(Task.Run(() => catalog.StatusWriter.WriteAsync(forward)), Task.Run(() => catalog.StatusWriter.WriteAsync(backward)));
        }

        var counts = await catalog.Progress.GetStateCountsAsync(rollout.Id);
        Assert.Equal(2000, Assert.Single(counts, c => c.Key == AgentRolloutState.Succeeded).Value);
    }

    [Fact]
    public async Task Site_progress_groups_agents_by_site_and_state()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var (rollout, agents, site) = await SeedAsync(catalog, 3);
        await catalog.StatusWriter.WriteAsync(
        [
            new StatusReport(agents[0].Id, rollout.Id, 1, DateTimeOffset.UtcNow, AgentRolloutState.Downloading, 40, SiteId: site.Id),
            new StatusReport(agents[1].Id, rollout.Id, 1, DateTimeOffset.UtcNow, AgentRolloutState.Downloading, 10, SiteId: site.Id),
            new StatusReport(agents[2].Id, rollout.Id, 1, DateTimeOffset.UtcNow, AgentRolloutState.Failed, 100, ExitCode: 1603, Error: new string('x', 5000)),
        ]);

        var progress = await catalog.Progress.GetSiteProgressAsync(rollout.Id);
        var page = await catalog.Progress.ListAgentStatusesAsync(rollout.Id, null, AgentRolloutState.Failed, 0, 10);

        Assert.Contains(new SiteStateCount(site.Id, AgentRolloutState.Downloading, 2), progress);
        Assert.Contains(new SiteStateCount(null, AgentRolloutState.Failed, 1), progress);
        Assert.Equal(2000, Assert.Single(page.Items).Error!.Length);
        Assert.Equal(AgentRolloutState.Downloading, Assert.Single(await catalog.Progress.GetStateCountsAsync(rollout.Id, [site.Id])).Key);
    }

    internal static async Task<(Rollout Rollout, IReadOnlyList<Agent> Agents, Site Site)> SeedAsync(CatalogHarness catalog, int agentCount)
    {
        var site = await catalog.AddSiteAsync("Paris", "10.1.0.0/16");
        var group = await catalog.AddGroupAsync("France", site.Id);
        var version = await catalog.AddPackageVersionAsync();
        var rollout = await catalog.AddRolloutAsync(version.Id, group.Id);
        var agents = await catalog.AddAgentsAsync(agentCount, site.Id);
        return (rollout, agents, site);
    }

    internal static async Task AssertOlderReportsAreIgnoredAsync(CatalogHarness catalog)
    {
        var (rollout, agents, _) = await SeedAsync(catalog, 1);
        var agent = agents[0].Id;
        await catalog.StatusWriter.WriteAsync([new StatusReport(agent, rollout.Id, 5, DateTimeOffset.UtcNow, AgentRolloutState.Succeeded, 100, ExitCode: 0)]);

        var late = await catalog.StatusWriter.WriteAsync([new StatusReport(agent, rollout.Id, 3, DateTimeOffset.UtcNow, AgentRolloutState.Downloading, 50)]);
        var replay = await catalog.StatusWriter.WriteAsync([new StatusReport(agent, rollout.Id, 5, DateTimeOffset.UtcNow, AgentRolloutState.Failed, 100)]);

        Assert.Equal(new StatusWriteResult(1, 0, 1), late);
        Assert.Equal(new StatusWriteResult(1, 0, 1), replay);
        var row = await catalog.Progress.GetAgentStatusAsync(rollout.Id, agent);
        Assert.Equal(AgentRolloutState.Succeeded, row!.State);
        Assert.Equal(5, row.Sequence);
    }

    [Fact]
    public async Task Transfer_totals_of_an_older_report_in_the_same_batch_are_kept()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var (rollout, agents, site) = await SeedAsync(catalog, 1);

        await catalog.StatusWriter.WriteAsync(
        [
            new StatusReport(agents[0].Id, rollout.Id, 1, DateTimeOffset.UtcNow, AgentRolloutState.Downloaded, 100, SiteId: site.Id,
                Transfers: [new TransferTotal(TransferSourceClass.SameSite, site.Id, 700), new TransferTotal(TransferSourceClass.Origin, null, 300)]),
            new StatusReport(agents[0].Id, rollout.Id, 2, DateTimeOffset.UtcNow, AgentRolloutState.Succeeded, 100, ExitCode: 0, SiteId: site.Id),
        ]);

        var transfers = Assert.Single(await catalog.Progress.GetSiteTransfersAsync(rollout.Id));
        Assert.Equal((700L, 300L), (transfers.SameSiteBytes, transfers.OriginBytes));
        Assert.Equal(AgentRolloutState.Succeeded, (await catalog.Progress.GetAgentStatusAsync(rollout.Id, agents[0].Id))!.State);
    }

    internal static async Task AssertHighestSequenceInBatchWinsAsync(CatalogHarness catalog)
    {
        var (rollout, agents, _) = await SeedAsync(catalog, 1);
        var agent = agents[0].Id;

        var result = await catalog.StatusWriter.WriteAsync(
        [
            new StatusReport(agent, rollout.Id, 2, DateTimeOffset.UtcNow, AgentRolloutState.Installing, 100),
            new StatusReport(agent, rollout.Id, 3, DateTimeOffset.UtcNow, AgentRolloutState.Succeeded, 100, ExitCode: 0),
            new StatusReport(agent, rollout.Id, 1, DateTimeOffset.UtcNow, AgentRolloutState.Downloading, 20),
        ]);

        Assert.Equal(new StatusWriteResult(3, 1, 2), result);
        Assert.Equal(AgentRolloutState.Succeeded, (await catalog.Progress.GetAgentStatusAsync(rollout.Id, agent))!.State);
    }

    internal static async Task AssertUnknownKeysAreSkippedAsync(CatalogHarness catalog)
    {
        var (rollout, agents, _) = await SeedAsync(catalog, 1);

        var result = await catalog.StatusWriter.WriteAsync(
        [
            new StatusReport(agents[0].Id, rollout.Id, 1, DateTimeOffset.UtcNow, AgentRolloutState.Downloading, 5),
            new StatusReport(Guid.NewGuid(), rollout.Id, 1, DateTimeOffset.UtcNow, AgentRolloutState.Downloading, 5),
            new StatusReport(agents[0].Id, Guid.NewGuid(), 1, DateTimeOffset.UtcNow, AgentRolloutState.Downloading, 5,
                Transfers: [new TransferTotal(TransferSourceClass.Origin, null, 10)]),
        ]);

        Assert.Equal(new StatusWriteResult(3, 1, 2), result);
        Assert.Equal(1, (await catalog.Progress.ListAgentStatusesAsync(rollout.Id, null, null, 0, 10)).Total);
        Assert.Empty(await catalog.Progress.GetSiteTransfersAsync(null));
    }

    internal static async Task AssertTransferTotalsOnlyGrowAsync(CatalogHarness catalog)
    {
        var (rollout, agents, site) = await SeedAsync(catalog, 1);
        var agent = agents[0].Id;
        await catalog.StatusWriter.WriteAsync([new StatusReport(agent, rollout.Id, 1, DateTimeOffset.UtcNow, AgentRolloutState.Downloading, 50, SiteId: site.Id,
            Transfers: [new TransferTotal(TransferSourceClass.OtherSite, Guid.NewGuid(), 500), new TransferTotal(TransferSourceClass.SameSite, site.Id, 100)])]);

        await catalog.StatusWriter.WriteAsync([new StatusReport(agent, rollout.Id, 2, DateTimeOffset.UtcNow, AgentRolloutState.Downloaded, 100, SiteId: site.Id,
            Transfers: [new TransferTotal(TransferSourceClass.SameSite, site.Id, 700), new TransferTotal(TransferSourceClass.SameSite, site.Id, 300)])]);
        // A stale retry carrying smaller totals changes nothing.
        await catalog.StatusWriter.WriteAsync([new StatusReport(agent, rollout.Id, 1, DateTimeOffset.UtcNow, AgentRolloutState.Downloading, 50, SiteId: site.Id,
            Transfers: [new TransferTotal(TransferSourceClass.SameSite, site.Id, 100)])]);

        var totals = Assert.Single(await catalog.Progress.GetSiteTransfersAsync(rollout.Id));
        Assert.Equal(new SiteTransferTotals(site.Id, 700, 500, 0), totals);
    }
}
