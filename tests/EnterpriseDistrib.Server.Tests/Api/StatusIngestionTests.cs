using System.Net;
using System.Text.Json;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Tests.Infrastructure;

namespace EnterpriseDistrib.Server.Tests.Api;

[Collection(ControlPlaneCollection.Name)]
public sealed class StatusIngestionTests(ControlPlaneHarness harness)
{
    [Fact]
    public async Task Concurrent_reports_are_written_in_shared_batches_and_all_show_in_progress_per_site()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var seed = new ApiSeed(admin);
        var (siteA, siteB) = (await seed.SiteAsync(), await seed.SiteAsync());
        var (rollout, _) = await seed.RolloutAsync(await seed.GroupAsync(siteA, siteB));
        using var anonymous = harness.Client();
        var agents = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            agents.Add((await seed.AgentAsync(anonymous, i % 3 == 0 ? siteB : siteA)).Credential);
        }

        var receipts = await Task.WhenAll(agents.Select(async credential =>
        {
            using var agent = harness.Client(credential);
            return await (await agent.PostJsonAsync("/api/v1/agent/status", new
            {
                reports = new[] { new { rolloutId = rollout, sequence = 1, state = "Downloading", progressPercent = 40, bytesDownloaded = 4000 } },
            })).ExpectAsync(HttpStatusCode.OK);
        }));

        // Acknowledged means written: the progress query sees every report at once, without waiting.
        var progress = await (await admin.GetAsync($"/api/v1/rollouts/{rollout}/progress")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(24, progress.GetProperty("agents").GetInt32());
        Assert.Equal(24, progress.GetProperty("states").GetProperty("Downloading").GetInt32());
        var perSite = progress.GetProperty("sites").EnumerateArray().ToDictionary(s => s.GetProperty("siteId").GetString()!, s => s.GetProperty("agents").GetInt32());
        Assert.Equal(16, perSite[siteA.ToString()]);
        Assert.Equal(8, perSite[siteB.ToString()]);
        Assert.Contains(receipts, r => r.GetProperty("batchSize").GetInt32() > r.GetProperty("received").GetInt32());
    }

    [Fact]
    public async Task An_older_report_does_not_overwrite_a_newer_one()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var seed = new ApiSeed(admin);
        var site = await seed.SiteAsync();
        var (rollout, _) = await seed.RolloutAsync(await seed.GroupAsync(site));
        using var anonymous = harness.Client();
        var (agentId, credential) = await seed.AgentAsync(anonymous, site);
        using var agent = harness.Client(credential);

        await (await agent.PostJsonAsync("/api/v1/agent/status", new { reports = new[] { new { rolloutId = rollout, sequence = 5, state = "Installing", progressPercent = 100 } } }))
            .ExpectAsync(HttpStatusCode.OK);
        await (await agent.PostJsonAsync("/api/v1/agent/status", new { reports = new[] { new { rolloutId = rollout, sequence = 3, state = "Downloading", progressPercent = 50 } } }))
            .ExpectAsync(HttpStatusCode.OK);

        var page = await (await admin.GetAsync($"/api/v1/rollouts/{rollout}/progress/agents")).ExpectAsync(HttpStatusCode.OK);
        var row = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(agentId.ToString(), row.GetProperty("agentId").GetString());
        Assert.Equal("Installing", row.GetProperty("state").GetString());
        Assert.Equal(site.ToString(), row.GetProperty("siteId").GetString());
    }

    [Fact]
    public async Task A_wave_whose_failure_rate_passes_the_threshold_halts_the_rollout()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var seed = new ApiSeed(admin);
        var site = await seed.SiteAsync();
        var (rollout, _) = await seed.RolloutAsync(await seed.GroupAsync(site), failureThreshold: 0.5, failureMinimumSample: 3);
        using var anonymous = harness.Client();

        // Everyone is enrolled before anyone reports, and a fourth agent stays silent, so the rollout cannot complete first.
        var credentials = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            credentials.Add((await seed.AgentAsync(anonymous, site)).Credential);
        }

        var outcomes = new[] { "Failed", "Succeeded", "Failed" };
        foreach (var (state, credential) in outcomes.Zip(credentials))
        {
            using var agent = harness.Client(credential);
            await (await agent.PostJsonAsync("/api/v1/agent/status", new { reports = new[] { new { rolloutId = rollout, sequence = 1, state, exitCode = 1603 } } }))
                .ExpectAsync(HttpStatusCode.OK);
        }

        var halted = await Eventually.WaitForAsync(
            async () => await (await admin.GetAsync($"/api/v1/rollouts/{rollout}")).ExpectAsync(HttpStatusCode.OK),
            r => r.GetProperty("status").GetString() == "Halted",
            TimeSpan.FromSeconds(15),
            "the rollout to halt");
        Assert.Contains("2 of 3", halted.GetProperty("statusReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_for_an_unknown_rollout_are_acknowledged_but_change_nothing()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var seed = new ApiSeed(admin);
        using var anonymous = harness.Client();
        var (_, credential) = await seed.AgentAsync(anonymous, await seed.SiteAsync());
        using var agent = harness.Client(credential);

        var receipt = await (await agent.PostJsonAsync("/api/v1/agent/status", new { reports = new[] { new { rolloutId = Guid.NewGuid(), sequence = 1, state = "Failed" } } }))
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(1, receipt.GetProperty("received").GetInt32());
        Assert.Equal(JsonValueKind.Number, receipt.GetProperty("batchApplied").ValueKind);
    }
}
