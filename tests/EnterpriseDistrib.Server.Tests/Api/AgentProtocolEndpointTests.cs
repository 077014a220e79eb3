using System.Net;
using EnterpriseDistrib.Catalog.Audit;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseDistrib.Server.Tests.Api;

[Collection(ControlPlaneCollection.Name)]
public sealed class AgentProtocolEndpointTests(ControlPlaneHarness harness)
{
    private HttpClient AgentClient(string credential) => harness.Client(credential);

    [Fact]
    public async Task An_enrolled_agent_is_placed_at_its_tokens_site_and_its_credential_works()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var seed = new ApiSeed(admin);
        var site = await seed.SiteAsync();
        using var anonymous = harness.Client();

        var (agentId, credential) = await seed.AgentAsync(anonymous, site);
        using var agent = AgentClient(credential);
        var heartbeat = await (await agent.PostJsonAsync("/api/v1/agent/heartbeat", new { agentVersion = "2.1.0" })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(agentId.ToString(), heartbeat.GetProperty("agentId").GetString());
        Assert.Equal(site.ToString(), heartbeat.GetProperty("siteId").GetString());
        var listed = await (await admin.GetAsync($"/api/v1/agents/{agentId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("2.1.0", listed.GetProperty("agentVersion").GetString());
        Assert.True(listed.GetProperty("sitePinned").GetBoolean());
        Assert.StartsWith("edag_", credential, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_agent_is_refused_on_its_very_next_request()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var seed = new ApiSeed(admin);
        using var anonymous = harness.Client();
        var (agentId, credential) = await seed.AgentAsync(anonymous, await seed.SiteAsync());
        using var agent = AgentClient(credential);
        await (await agent.PostJsonAsync("/api/v1/agent/heartbeat", new { })).ExpectAsync(HttpStatusCode.OK);

        await (await admin.PostJsonAsync($"/api/v1/agents/{agentId}/revoke", null)).ExpectAsync(HttpStatusCode.NoContent);

        using var refused = await agent.PostJsonAsync("/api/v1/agent/heartbeat", new { });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var assignments = await agent.GetAsync("/api/v1/agent/assignments");
        Assert.Equal(HttpStatusCode.Unauthorized, assignments.StatusCode);
    }

    [Fact]
    public async Task A_revoked_enrollment_token_cannot_enroll_and_says_why()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var seed = new ApiSeed(admin);
        var (tokenId, secret) = await seed.TokenAsync();
        await (await admin.PostJsonAsync($"/api/v1/enrollment-tokens/{tokenId}/revoke", null)).ExpectAsync(HttpStatusCode.NoContent);

        using var anonymous = harness.Client();
        var problem = await (await anonymous.PostJsonAsync("/api/v1/agent/enroll", new { enrollmentToken = secret, hostname = "pc-1" })).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_token_with_one_use_enrolls_one_agent_only()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var (_, secret) = await new ApiSeed(admin).TokenAsync(maxUses: 1);
        using var anonymous = harness.Client();

        await (await anonymous.PostJsonAsync("/api/v1/agent/enroll", new { enrollmentToken = secret, hostname = "pc-a" })).ExpectAsync(HttpStatusCode.Created);
        var problem = await (await anonymous.PostJsonAsync("/api/v1/agent/enroll", new { enrollmentToken = secret, hostname = "pc-b" })).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Contains("maximum number of uses", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_or_malformed_enrollment_secret_is_refused()
    {
        using var anonymous = harness.Client();
        await (await anonymous.PostJsonAsync("/api/v1/agent/enroll", new { enrollmentToken = AgentCredential.NewEnrollmentSecret(), hostname = "pc" }))
            .ExpectAsync(HttpStatusCode.Unauthorized);
        var problem = await (await anonymous.PostJsonAsync("/api/v1/agent/enroll", new { enrollmentToken = new string('x', 5000), hostname = "" }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("enrollmentToken", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("hostname", out _));
    }

    [Fact]
    public async Task An_agent_gets_the_running_rollouts_that_target_its_site_and_not_others()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var seed = new ApiSeed(admin);
        var site = await seed.SiteAsync();
        var (mine, version) = await seed.RolloutAsync(await seed.GroupAsync(site));
        var (notYet, _) = await seed.RolloutAsync(await seed.GroupAsync(site), DateTimeOffset.UtcNow.AddDays(2));
        var (elsewhere, _) = await seed.RolloutAsync(await seed.GroupAsync(await seed.SiteAsync()));
        using var anonymous = harness.Client();
        var (_, credential) = await seed.AgentAsync(anonymous, site);

        using var agent = AgentClient(credential);
        var assignments = await (await agent.GetAsync("/api/v1/agent/assignments")).ExpectAsync(HttpStatusCode.OK);

        var ids = assignments.EnumerateArray().Select(a => a.GetProperty("rolloutId").GetString()).ToList();
        Assert.Contains(mine.ToString(), ids);
        Assert.DoesNotContain(notYet.ToString(), ids);
        Assert.DoesNotContain(elsewhere.ToString(), ids);
        var assignment = assignments.EnumerateArray().Single(a => a.GetProperty("rolloutId").GetString() == mine.ToString());
        using var torrent = await agent.GetAsync(assignment.GetProperty("torrentUrl").GetString()!);
        Assert.Equal(HttpStatusCode.OK, torrent.StatusCode);
        Assert.Equal("application/x-bittorrent", torrent.Content.Headers.ContentType?.MediaType);
        Assert.Equal(version.ToString(), assignment.GetProperty("packageVersionId").GetString());
    }

    [Fact]
    public async Task Admin_changes_are_audited_with_the_tokens_name_and_object_id()
    {
        using var admin = harness.Client(harness.Issuer.Mint(new Testing.Identity.TestToken { Roles = [AppRoles.Admin], Name = "Ada Admin", ObjectId = "11111111-2222-3333-4444-555555555555" }));
        var site = await new ApiSeed(admin).SiteAsync();

        var audit = harness.Services.GetRequiredService<AuditLog>();
        var entries = await audit.ListAsync("site", site.ToString(), 0, 10);

        var entry = Assert.Single(entries.Items);
        Assert.Equal(AuditActions.SiteCreate, entry.Action);
        Assert.Equal("Ada Admin (11111111-2222-3333-4444-555555555555)", entry.Actor);
    }

    [Fact]
    public async Task Status_reports_with_invalid_fields_are_refused_whole_with_each_field_named()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var seed = new ApiSeed(admin);
        using var anonymous = harness.Client();
        var (_, credential) = await seed.AgentAsync(anonymous, await seed.SiteAsync());
        using var agent = AgentClient(credential);

        var problem = await (await agent.PostJsonAsync("/api/v1/agent/status", new
        {
            reports = new object[]
            {
                new { rolloutId = Guid.NewGuid(), sequence = 0, state = "Downloading", progressPercent = 101 },
            },
        })).ExpectAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("reports[0].sequence", out _));
        Assert.True(errors.TryGetProperty("reports[0].progressPercent", out _));
    }

    [Fact]
    public async Task Too_many_reports_in_one_request_are_refused()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var seed = new ApiSeed(admin);
        using var anonymous = harness.Client();
        var (_, credential) = await seed.AgentAsync(anonymous, await seed.SiteAsync());
        using var agent = AgentClient(credential);
        var reports = Enumerable.Range(1, 501).Select(i => new { rolloutId = Guid.NewGuid(), sequence = i, state = "Pending" }).ToArray();

        var problem = await (await agent.PostJsonAsync("/api/v1/agent/status", new { reports })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("500", problem.GetProperty("errors").GetProperty("reports")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_heartbeat_carries_the_sites_time_zone_and_business_hours_and_nothing_for_a_site_without_them()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var seed = new ApiSeed(admin);
        var site = (await (await admin.PostJsonAsync("/api/v1/sites", new
        {
            name = ApiSeed.Unique("tokyo"),
            ranges = new[] { ApiSeed.FreshRange() },
            timeZone = "Asia/Tokyo",
            businessHours = new { start = "09:00", end = "17:30", downloadBytesPerSecond = 2_000_000, uploadBytesPerSecond = 100_000 },
        })).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        using var anonymous = harness.Client();
        var (_, credential) = await seed.AgentAsync(anonymous, site);
        var (_, plain) = await seed.AgentAsync(anonymous, await seed.SiteAsync());

        using var agent = AgentClient(credential);
        var heartbeat = await (await agent.PostJsonAsync("/api/v1/agent/heartbeat", new { })).ExpectAsync(HttpStatusCode.OK);
        using var plainAgent = AgentClient(plain);
        var plainBeat = await (await plainAgent.PostJsonAsync("/api/v1/agent/heartbeat", new { })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Asia/Tokyo", heartbeat.GetProperty("siteTimeZone").GetString());
        var hours = heartbeat.GetProperty("businessHours");
        Assert.Equal("09:00:00", hours.GetProperty("start").GetString());
        Assert.Equal("17:30:00", hours.GetProperty("end").GetString());
        Assert.Equal(2_000_000, hours.GetProperty("downloadBytesPerSecond").GetInt64());
        Assert.Equal(100_000, hours.GetProperty("uploadBytesPerSecond").GetInt64());
        Assert.False(plainBeat.TryGetProperty("businessHours", out _)); // the server leaves nulls out
        Assert.False(plainBeat.TryGetProperty("siteTimeZone", out _));
    }

    [Fact]
    public async Task An_assignment_carries_its_rollouts_install_window_and_the_agents_site_time_zone()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var seed = new ApiSeed(admin);
        var site = (await (await admin.PostJsonAsync("/api/v1/sites", new { name = ApiSeed.Unique("paris"), ranges = new[] { ApiSeed.FreshRange() }, timeZone = "Europe/Paris" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var group = await seed.GroupAsync(site);
        var version = await seed.VersionAsync(await seed.PackageAsync());
        var rollout = (await (await admin.PostJsonAsync("/api/v1/rollouts", new
        {
            name = ApiSeed.Unique("night"),
            packageVersionId = version,
            waves = new[] { new { officeGroupId = group, startsAt = DateTimeOffset.UtcNow.AddHours(-1) } },
            installWindow = new { start = "22:00", end = "05:00" },
        })).ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        using var anonymous = harness.Client();
        var (_, credential) = await seed.AgentAsync(anonymous, site);

        using var agent = AgentClient(credential);
        var assignments = await (await agent.GetAsync("/api/v1/agent/assignments")).ExpectAsync(HttpStatusCode.OK);

        var assignment = assignments.EnumerateArray().Single(a => a.GetProperty("rolloutId").GetString() == rollout);
        Assert.Equal("22:00:00", assignment.GetProperty("installWindow").GetProperty("start").GetString());
        Assert.Equal("05:00:00", assignment.GetProperty("installWindow").GetProperty("end").GetString());
        Assert.Equal("Europe/Paris", assignment.GetProperty("siteTimeZone").GetString());
    }
}
