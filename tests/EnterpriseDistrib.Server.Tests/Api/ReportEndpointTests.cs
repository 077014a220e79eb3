using System.Net;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Tests.Infrastructure;

namespace EnterpriseDistrib.Server.Tests.Api;

[Collection(ControlPlaneCollection.Name)]
public sealed class ReportEndpointTests(ControlPlaneHarness harness)
{
    [Fact]
    public async Task The_wan_report_sums_the_bytes_the_agents_reported_per_site_as_json_and_csv()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var seed = new ApiSeed(admin);
        var (paris, lyon) = (await seed.SiteAsync(), await seed.SiteAsync());
        var (rollout, _) = await seed.RolloutAsync(await seed.GroupAsync(paris, lyon));
        using var anonymous = harness.Client();
        var fetcher = await seed.AgentAsync(anonymous, paris);
        var neighbour = await seed.AgentAsync(anonymous, paris);
        var remote = await seed.AgentAsync(anonymous, lyon);
        await ReportAsync(fetcher.Credential, rollout, new { sourceClass = "Origin", bytes = 1000 });
        await ReportAsync(neighbour.Credential, rollout, new { sourceClass = "SameSite", sourceSiteId = paris, bytes = 1000 });
        await ReportAsync(remote.Credential, rollout, new { sourceClass = "OtherSite", sourceSiteId = paris, bytes = 600 }, new { sourceClass = "Origin", bytes = 400 });

        using var viewer = harness.ClientAs(AppRoles.Viewer);
        var report = await (await viewer.GetAsync($"/api/v1/reports/wan?rolloutId={rollout}")).ExpectAsync(HttpStatusCode.OK);
        var csv = await viewer.GetStringAsync(new Uri($"/api/v1/reports/wan?rolloutId={rollout}&format=csv", UriKind.Relative));

        var rows = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("siteId").GetString()!);
        Assert.Equal((1000L, 0L, 1000L), Bytes(rows[paris.ToString()]));
        Assert.Equal(0.5, rows[paris.ToString()].GetProperty("savings").GetDouble());
        Assert.Equal((0L, 600L, 400L), Bytes(rows[lyon.ToString()]));
        Assert.Equal(3000, report.GetProperty("totalBytes").GetInt64());
        Assert.Equal(2000, report.GetProperty("wanBytes").GetInt64());
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("rollout_id,", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Peers_reported_by_address_are_classified_by_the_servers_site_ranges()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var seed = new ApiSeed(admin);
        var (parisRange, lyonRange) = (ApiSeed.FreshRange(), ApiSeed.FreshRange());
        var (paris, lyon) = (await seed.SiteAsync(parisRange), await seed.SiteAsync(lyonRange));
        var (rollout, _) = await seed.RolloutAsync(await seed.GroupAsync(paris, lyon));
        using var anonymous = harness.Client();
        var agent = await seed.AgentAsync(anonymous, paris);

        await ReportAsync(agent.Credential, rollout,
            new { sourceAddress = HostIn(parisRange, 7), bytes = 500 },
            new { sourceAddress = HostIn(parisRange, 8), bytes = 100 },
            new { sourceAddress = HostIn(lyonRange, 9), bytes = 300 },
            new { sourceAddress = "192.0.2.44", bytes = 50 },
            new { sourceClass = "Origin", bytes = 70 });

        using var viewer = harness.ClientAs(AppRoles.Viewer);
        var report = await (await viewer.GetAsync($"/api/v1/reports/wan?rolloutId={rollout}")).ExpectAsync(HttpStatusCode.OK);
        var row = Assert.Single(report.GetProperty("rows").EnumerateArray());
        Assert.Equal((600L, 350L, 70L), Bytes(row));
    }

    [Fact]
    public async Task A_transfer_with_neither_a_class_nor_an_address_or_a_bad_address_is_refused()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var seed = new ApiSeed(admin);
        var site = await seed.SiteAsync();
        var (rollout, _) = await seed.RolloutAsync(await seed.GroupAsync(site));
        using var anonymous = harness.Client();
        using var agent = harness.Client((await seed.AgentAsync(anonymous, site)).Credential);

        foreach (var transfer in new object[] { new { bytes = 5 }, new { sourceAddress = "not-an-ip", bytes = 5 } })
        {
            var response = await agent.PostJsonAsync("/api/v1/agent/status", new
            {
                reports = new[] { new { rolloutId = rollout, sequence = 1, state = "Downloading", progressPercent = 1, transfers = new[] { transfer } } },
            });
            await response.ExpectAsync(HttpStatusCode.BadRequest);
        }
    }

    [Theory]
    [InlineData("format=xml")]
    [InlineData("from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z")]
    [InlineData("from=2000-01-01T00:00:00Z&to=2030-01-01T00:00:00Z")]
    public async Task A_bad_filter_is_a_validation_problem(string query)
    {
        using var viewer = harness.ClientAs(AppRoles.Viewer);
        await (await viewer.GetAsync($"/api/v1/reports/wan?{query}")).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_wan_report_needs_a_signed_in_admin()
    {
        using var anonymous = harness.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/reports/wan")).StatusCode);
    }

    private static string HostIn(string range, int host) => range[..range.LastIndexOf('.')] + "." + host;

    private static (long Same, long Other, long Origin) Bytes(System.Text.Json.JsonElement row) =>
        (row.GetProperty("sameSiteBytes").GetInt64(), row.GetProperty("otherSiteBytes").GetInt64(), row.GetProperty("originBytes").GetInt64());

    private async Task ReportAsync(string credential, Guid rollout, params object[] transfers)
    {
        using var agent = harness.Client(credential);
        await (await agent.PostJsonAsync("/api/v1/agent/status", new
        {
            reports = new[] { new { rolloutId = rollout, sequence = 1, state = "Succeeded", progressPercent = 100, transfers } },
        })).ExpectAsync(HttpStatusCode.OK);
    }
}
