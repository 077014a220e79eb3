using EnterpriseDistrib.Catalog.Agents;
using EnterpriseDistrib.Catalog.Enrollment;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Errors;
using EnterpriseDistrib.Catalog.Sites;
using EnterpriseDistrib.Catalog.Status;

namespace EnterpriseDistrib.Catalog.Tests.Status;

/// <summary>The embedded default: the catalog created from the model in a SQLite file follows the same rules.</summary>
public sealed class SqliteCatalogTests
{
    [Fact]
    public async Task The_sqlite_catalog_is_created_from_the_model_and_stores_work_on_it()
    {
        await using var catalog = await CatalogHarness.SqliteAsync();
        var site = await catalog.AddSiteAsync("Paris", "10.1.0.0/16");
        var version = await catalog.AddPackageVersionAsync();
        var group = await catalog.AddGroupAsync("France", site.Id);
        var rollout = await catalog.AddRolloutAsync(version.Id, group.Id);

        await Assert.ThrowsAsync<CatalogConcurrencyException>(async () =>
        {
            await catalog.Sites.UpdateAsync(site.Id, site.Version, new SiteDraft("Paris", ["10.1.0.0/16", "10.2.0.0/16"]), CatalogHarness.Actor);
            await catalog.Sites.UpdateAsync(site.Id, site.Version, new SiteDraft("Paris", ["10.3.0.0/16"]), CatalogHarness.Actor);
        });
        await Assert.ThrowsAsync<CatalogConflictException>(() => catalog.AddSiteAsync("Paris"));
        Assert.Equal(2, (await catalog.Packages.FindVersionByInfoHashAsync(version.InfoHash))!.Files.Count);
        Assert.Single(await catalog.Packages.ListVersionsAsync(version.PackageId));
        Assert.Equal([rollout.Id], (await catalog.Rollouts.ListByStatusAsync([RolloutStatus.Scheduled])).Select(r => r.Id));
        Assert.NotEmpty((await catalog.Audit.ListAsync(null, null, 0, 100)).Items);
    }

    [Fact]
    public async Task Sqlite_compares_times_in_sql_for_enrollment_and_orders_agents()
    {
        await using var catalog = await CatalogHarness.SqliteAsync();
        byte[] valid = [1], expired = [2];
        await catalog.Tokens.CreateAsync(new EnrollmentTokenDraft("valid", valid, DateTimeOffset.UtcNow.AddHours(1), MaxUses: 1), CatalogHarness.Actor);
        await catalog.Tokens.CreateAsync(new EnrollmentTokenDraft("expired", expired, DateTimeOffset.UtcNow.AddHours(-1)), CatalogHarness.Actor);
        var registration = new AgentRegistration("pc-b", [9], null, null, null, null, null);

        Assert.Equal(EnrollmentResult.TokenExpired, (await catalog.Tokens.EnrollAsync(expired, registration)).Result);
        Assert.Equal(EnrollmentResult.Enrolled, (await catalog.Tokens.EnrollAsync(valid, registration)).Result);
        Assert.Equal(EnrollmentResult.TokenUsedUp, (await catalog.Tokens.EnrollAsync(valid, registration with { CredentialHash = [8] })).Result);
        await catalog.AddAgentsAsync(3);
        var page = await catalog.Agents.ListAsync(new AgentQuery(HostnamePrefix: "pc-", Take: 2));
        Assert.Equal(4, page.Total);
        Assert.Equal(["pc-000000", "pc-000001"], page.Items.Select(a => a.Hostname));
        Assert.Equal(["expired", "valid"], (await catalog.Tokens.ListAsync(includeRevoked: true)).Select(t => t.Description).Order());
    }

    [Fact]
    public async Task Migrating_an_existing_sqlite_catalog_again_creates_nothing()
    {
        await using var catalog = await CatalogHarness.SqliteAsync();

        Assert.Empty(await catalog.Get<CatalogMigrator>().MigrateAsync());
    }

    [Fact]
    public async Task Sqlite_batches_keep_the_monotonic_rule()
    {
        await using var catalog = await CatalogHarness.SqliteAsync();
        await StatusReportWriterTests.AssertOlderReportsAreIgnoredAsync(catalog);
    }

    [Fact]
    public async Task Sqlite_batches_keep_the_highest_sequence()
    {
        await using var catalog = await CatalogHarness.SqliteAsync();
        await StatusReportWriterTests.AssertHighestSequenceInBatchWinsAsync(catalog);
    }

    [Fact]
    public async Task Sqlite_batches_skip_unknown_keys()
    {
        await using var catalog = await CatalogHarness.SqliteAsync();
        await StatusReportWriterTests.AssertUnknownKeysAreSkippedAsync(catalog);
    }

    [Fact]
    public async Task Sqlite_transfer_totals_only_grow()
    {
        await using var catalog = await CatalogHarness.SqliteAsync();
        await StatusReportWriterTests.AssertTransferTotalsOnlyGrowAsync(catalog);
    }

    [Fact]
    public async Task A_thousand_reports_land_in_sqlite_in_one_call()
    {
        await using var catalog = await CatalogHarness.SqliteAsync();
        var (rollout, agents, site) = await StatusReportWriterTests.SeedAsync(catalog, 1000);

        var result = await catalog.StatusWriter.WriteAsync(agents.Select(a =>
            new StatusReport(a.Id, rollout.Id, 1, DateTimeOffset.UtcNow, AgentRolloutState.Succeeded, 100, SiteId: site.Id)).ToList());

        Assert.Equal(new StatusWriteResult(1000, 1000, 0), result);
        Assert.Equal(1000, (await catalog.Progress.GetStateCountsAsync(rollout.Id, [site.Id]))[AgentRolloutState.Succeeded]);
    }
}
