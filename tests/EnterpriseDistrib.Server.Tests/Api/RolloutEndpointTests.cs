using System.Net;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Tests.Infrastructure;

namespace EnterpriseDistrib.Server.Tests.Api;

[Collection(ControlPlaneCollection.Name)]
public sealed class RolloutEndpointTests(ControlPlaneHarness harness)
{
    [Fact]
    public async Task A_rollout_whose_first_wave_started_is_running_and_one_in_the_future_is_scheduled()
    {
        using var publisher = harness.ClientAs(AppRoles.Publisher);
        var seed = new ApiSeed(harness.ClientAs(AppRoles.Admin));
        var group = await seed.GroupAsync(await seed.SiteAsync());
        var version = await seed.VersionAsync(await seed.PackageAsync());

        var running = await (await publisher.PostJsonAsync("/api/v1/rollouts", ApiSeed.RolloutBody(version, group, DateTimeOffset.UtcNow.AddMinutes(-5)))).ExpectAsync(HttpStatusCode.Created);
        var scheduled = await (await publisher.PostJsonAsync("/api/v1/rollouts", ApiSeed.RolloutBody(version, group, DateTimeOffset.UtcNow.AddDays(3)))).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("Running", running.GetProperty("status").GetString());
        Assert.Equal("Scheduled", scheduled.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Pause_resume_and_cancel_move_the_rollout_and_refuse_impossible_moves()
    {
        using var publisher = harness.ClientAs(AppRoles.Publisher, "Pat Publisher");
        var seed = new ApiSeed(harness.ClientAs(AppRoles.Admin));
        var (rollout, _) = await seed.RolloutAsync(await seed.GroupAsync(await seed.SiteAsync()));
        var path = $"/api/v1/rollouts/{rollout}";

        var paused = await (await publisher.PostJsonAsync($"{path}/pause", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Paused", paused.GetProperty("status").GetString());
        Assert.Contains("Pat Publisher", paused.GetProperty("statusReason").GetString(), StringComparison.Ordinal);
        await (await publisher.PostJsonAsync($"{path}/pause", null)).ExpectAsync(HttpStatusCode.Conflict);

        var resumed = await (await publisher.PostJsonAsync($"{path}/resume", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Running", resumed.GetProperty("status").GetString());

        var cancelled = await (await publisher.PostJsonAsync($"{path}/cancel", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        var refusal = await (await publisher.PostJsonAsync($"{path}/resume", null)).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("Cancelled", refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var read = await (await publisher.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Cancelled", read.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKindNull, read.GetProperty("endedAt").ValueKind);
    }

    [Fact]
    public async Task Commands_on_an_unknown_rollout_are_404_problems()
    {
        using var publisher = harness.ClientAs(AppRoles.Publisher);
        var problem = await (await publisher.PostJsonAsync($"/api/v1/rollouts/{Guid.NewGuid()}/pause", null)).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("Rollout not found", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_rollout_without_waves_or_with_a_deadline_before_its_start_is_refused()
    {
        using var publisher = harness.ClientAs(AppRoles.Publisher);
        var start = DateTimeOffset.UtcNow;
        var problem = await (await publisher.PostJsonAsync("/api/v1/rollouts", new
        {
            name = "bad",
            packageVersionId = Guid.NewGuid(),
            waves = new[] { new { officeGroupId = Guid.NewGuid(), startsAt = start, deadline = start.AddHours(-1) } },
            failureThreshold = 1.5,
        })).ExpectAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("waves[0].deadline", out _));
        Assert.True(errors.TryGetProperty("failureThreshold", out _));

        var empty = await (await publisher.PostJsonAsync("/api/v1/rollouts", new { name = "empty", packageVersionId = Guid.NewGuid(), waves = Array.Empty<object>() }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("waves", out _));
    }

    [Fact]
    public async Task A_rollout_of_an_unknown_package_version_is_refused_naming_it()
    {
        using var publisher = harness.ClientAs(AppRoles.Publisher);
        var seed = new ApiSeed(harness.ClientAs(AppRoles.Admin));
        var unknown = Guid.NewGuid();
        var problem = await (await publisher.PostJsonAsync("/api/v1/rollouts", ApiSeed.RolloutBody(unknown, await seed.GroupAsync(), DateTimeOffset.UtcNow)))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(unknown.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task A_rollout_keeps_its_install_window_and_refuses_one_that_ends_when_it_starts()
    {
        using var publisher = harness.ClientAs(AppRoles.Publisher);
        var seed = new ApiSeed(harness.ClientAs(AppRoles.Admin));
        var group = await seed.GroupAsync(await seed.SiteAsync());
        var version = await seed.VersionAsync(await seed.PackageAsync());
        object Body(string start, string end) => new
        {
            name = ApiSeed.Unique("night"),
            packageVersionId = version,
            waves = new[] { new { officeGroupId = group, startsAt = DateTimeOffset.UtcNow.AddDays(3) } },
            installWindow = new { start, end },
        };

        var created = await (await publisher.PostJsonAsync("/api/v1/rollouts", Body("22:00", "05:30"))).ExpectAsync(HttpStatusCode.Created);
        var read = await (await publisher.GetAsync($"/api/v1/rollouts/{created.GetProperty("id").GetString()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("22:00", read.GetProperty("installWindow").GetProperty("start").GetString());
        Assert.Equal("05:30", read.GetProperty("installWindow").GetProperty("end").GetString());

        var same = await (await publisher.PostJsonAsync("/api/v1/rollouts", Body("22:00", "22:00"))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("differ from start", same.GetProperty("errors").GetProperty("installWindow.end")[0].GetString(), StringComparison.Ordinal);
        var malformed = await (await publisher.PostJsonAsync("/api/v1/rollouts", Body("24:00", "noon"))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(malformed.GetProperty("errors").TryGetProperty("installWindow.start", out _));
        Assert.True(malformed.GetProperty("errors").TryGetProperty("installWindow.end", out _));
    }
}
