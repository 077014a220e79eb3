using System.Net;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Tests.Infrastructure;

namespace EnterpriseDistrib.Server.Tests.Api;

[Collection(ControlPlaneCollection.Name)]
public sealed class SiteEndpointTests(ControlPlaneHarness harness)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task A_created_site_is_read_back_with_normalized_ranges()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var name = Unique("paris");
        var created = await (await admin.PostJsonAsync("/api/v1/sites", new { name, ranges = new[] { "10.77.0.0/16", "2001:DB8:77::/48" }, timeZone = "Europe/Paris" }))
            .ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();

        var read = await (await admin.GetAsync($"/api/v1/sites/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(name, read.GetProperty("name").GetString());
        Assert.Equal(["10.77.0.0/16", "2001:db8:77::/48"], read.GetProperty("ranges").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("Europe/Paris", read.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task Saving_a_range_inside_another_sites_range_reports_the_overlap()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var region = Unique("region");
        await (await admin.PostJsonAsync("/api/v1/sites", new { name = region, ranges = new[] { "10.88.0.0/16" } })).ExpectAsync(HttpStatusCode.Created);

        var branch = await (await admin.PostJsonAsync("/api/v1/sites", new { name = Unique("branch"), ranges = new[] { "10.88.4.0/24" } }))
            .ExpectAsync(HttpStatusCode.Created);

        var overlap = Assert.Single(branch.GetProperty("overlaps").EnumerateArray()).GetString();
        Assert.Contains("10.88.4.0/24", overlap, StringComparison.Ordinal);
        Assert.Contains(region, overlap, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_range_is_refused_naming_the_range_and_the_fix()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        using var response = await admin.PostJsonAsync("/api/v1/sites", new { name = Unique("bad"), ranges = new[] { "10.1.0.0/16", "10.1.2.3/16", "banana" } });
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors");
        Assert.False(errors.TryGetProperty("ranges[0]", out _));
        Assert.Contains("10.1.0.0/16", errors.GetProperty("ranges[1]")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("ranges[2]", out _));
    }

    [Fact]
    public async Task Missing_name_and_unknown_time_zone_are_both_reported()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var problem = await (await admin.PostJsonAsync("/api/v1/sites", new { ranges = Array.Empty<string>(), timeZone = "Mars/Olympus" }))
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("timeZone", out _));
    }

    [Fact]
    public async Task A_duplicate_site_name_is_a_conflict_problem()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var name = Unique("dup");
        await (await admin.PostJsonAsync("/api/v1/sites", new { name, ranges = Array.Empty<string>() })).ExpectAsync(HttpStatusCode.Created);

        var problem = await (await admin.PostJsonAsync("/api/v1/sites", new { name, ranges = Array.Empty<string>() })).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains(name, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Updating_with_a_stale_version_is_refused_and_changes_nothing()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var name = Unique("ver");
        var created = await (await admin.PostJsonAsync("/api/v1/sites", new { name, ranges = new[] { "10.99.1.0/24" } })).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();
        var version = created.GetProperty("version").GetInt64();
        await (await admin.PutJsonAsync($"/api/v1/sites/{id}", new { name, ranges = new[] { "10.99.2.0/24" }, version })).ExpectAsync(HttpStatusCode.OK);

        await (await admin.PutJsonAsync($"/api/v1/sites/{id}", new { name, ranges = new[] { "10.99.3.0/24" }, version })).ExpectAsync(HttpStatusCode.Conflict);

        var read = await (await admin.GetAsync($"/api/v1/sites/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("10.99.2.0/24", Assert.Single(read.GetProperty("ranges").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Resolve_places_an_address_by_the_longest_matching_prefix()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        await (await admin.PostJsonAsync("/api/v1/sites", new { name = Unique("wide"), ranges = new[] { "10.66.0.0/16" } })).ExpectAsync(HttpStatusCode.Created);
        var narrow = await (await admin.PostJsonAsync("/api/v1/sites", new { name = Unique("narrow"), ranges = new[] { "10.66.5.0/24" } })).ExpectAsync(HttpStatusCode.Created);

        var placement = await (await admin.GetAsync("/api/v1/sites/resolve?address=10.66.5.20")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(narrow.GetProperty("id").GetString(), placement.GetProperty("siteId").GetString());
        Assert.Equal("10.66.5.0/24", placement.GetProperty("matchedCidr").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_a_problem_answer_not_a_crash()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        using var content = new StringContent("{\"name\": \"x\", \"ranges\": [", System.Text.Encoding.UTF8, "application/json");
        using var response = await admin.PostAsync(new Uri("/api/v1/sites", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
