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

    [Fact]
    public async Task A_sites_business_hours_are_stored_shown_replaced_and_removed()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var name = Unique("nyc");
        var range = ApiSeed.FreshRange();
        var created = await (await admin.PostJsonAsync("/api/v1/sites", new
        {
            name,
            ranges = new[] { range },
            timeZone = "America/New_York",
            businessHours = new { start = "08:00", end = "18:00", downloadBytesPerSecond = 1_000_000, uploadBytesPerSecond = 250_000 },
        })).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString();

        var hours = (await (await admin.GetAsync($"/api/v1/sites/{id}")).ExpectAsync(HttpStatusCode.OK)).GetProperty("businessHours");
        Assert.Equal("08:00", hours.GetProperty("start").GetString());
        Assert.Equal("18:00", hours.GetProperty("end").GetString());
        Assert.Equal(1_000_000, hours.GetProperty("downloadBytesPerSecond").GetInt64());
        Assert.Equal(250_000, hours.GetProperty("uploadBytesPerSecond").GetInt64());

        var version = created.GetProperty("version").GetInt64();
        var night = await (await admin.PutJsonAsync($"/api/v1/sites/{id}", new
        {
            name,
            ranges = new[] { range },
            timeZone = "America/New_York",
            businessHours = new { start = "22:00", end = "06:00", downloadBytesPerSecond = 0, uploadBytesPerSecond = 64_000 },
            version,
        })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("22:00", night.GetProperty("businessHours").GetProperty("start").GetString());
        Assert.Equal(0, night.GetProperty("businessHours").GetProperty("downloadBytesPerSecond").GetInt64());

        var removed = await (await admin.PutJsonAsync($"/api/v1/sites/{id}", new { name, ranges = new[] { range }, version = night.GetProperty("version").GetInt64() }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.False(removed.TryGetProperty("businessHours", out _)); // the server leaves nulls out
    }

    [Fact]
    public async Task Business_hours_that_end_when_they_start_or_with_negative_caps_or_an_unknown_zone_are_refused()
    {
        using var admin = harness.ClientAs(AppRoles.Admin);
        var problem = await (await admin.PostJsonAsync("/api/v1/sites", new
        {
            name = Unique("bad-hours"),
            ranges = Array.Empty<string>(),
            timeZone = "Mars/Olympus",
            businessHours = new { start = "09:00", end = "09:00", downloadBytesPerSecond = -1, uploadBytesPerSecond = -5 },
        })).ExpectAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Contains("differ from start", errors.GetProperty("businessHours.end")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("businessHours.downloadBytesPerSecond", out _));
        Assert.True(errors.TryGetProperty("businessHours.uploadBytesPerSecond", out _));
        Assert.True(errors.TryGetProperty("timeZone", out _));

        var malformed = await (await admin.PostJsonAsync("/api/v1/sites", new
        {
            name = Unique("bad-hours"),
            ranges = Array.Empty<string>(),
            businessHours = new { start = "25:00", end = "9am" },
        })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(malformed.GetProperty("errors").TryGetProperty("businessHours.start", out _));
        Assert.True(malformed.GetProperty("errors").TryGetProperty("businessHours.end", out _));
    }
}
