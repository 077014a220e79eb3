using System.Net.Http.Json;
using System.Text.Json;
using EnterpriseDistrib.Agent.Tests.Infrastructure;

namespace EnterpriseDistrib.Agent.Tests.Rollouts;

/// <summary>
/// The real agent process against the real server process (its embedded defaults: SQLite, one silo): content uploaded to
/// the origin and rolled out through the admin API reaches the agent with the server's passkey announce URL; the tracker
/// makes the agent its site's WAN fetcher and hands it the origin, which delivers the package.
/// </summary>
public sealed class RealServerRolloutTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_rollout_created_on_the_real_server_is_downloaded_installed_and_shown_succeeded_in_its_progress()
    {
        var origin = Directory.CreateDirectory(Path.Combine(_root.Path, "origin")).FullName;
        var marker = Path.Combine(_root.Path, "installed");
        await using var swarm = await PackageSwarm.StartAsync(origin, new PackageContent("tool", "#!/bin/sh\necho ok > \"$1\"\n", 4 * 1024 * 1024));
        var package = swarm.Packages[0];
        await using var server = await RealServerProcess.StartAsync();
        using var admin = await server.AdminAsync();
        var site = await Json(await admin.PostAsJsonAsync("api/v1/sites", new { name = "office-33", ranges = new[] { "127.0.33.0/24" } }));
        var group = await Json(await admin.PostAsJsonAsync("api/v1/office-groups", new { name = "pilot", siteIds = new[] { site.GetProperty("id").GetGuid() } }));
        var created = await Json(await admin.PostAsJsonAsync("api/v1/packages", new { name = "tool" }));
        var version = await Json(await admin.PostAsJsonAsync($"api/v1/packages/{created.GetProperty("id").GetGuid()}/versions", new
        {
            version = "1.0.0",
            torrentBase64 = Convert.ToBase64String(package.Torrent),
            install = new { kind = "Script", command = "install.sh", arguments = marker, timeoutSeconds = 60 },
        }));
        await OriginUpload.PublishAsync(admin, created.GetProperty("id").GetGuid(), version.GetProperty("id").GetGuid(), package.Metainfo, origin);
        var rollout = await Json(await admin.PostAsJsonAsync("api/v1/rollouts", new
        {
            name = "tool to the pilot",
            packageVersionId = version.GetProperty("id").GetGuid(),
            waves = new[] { new { officeGroupId = group.GetProperty("id").GetGuid(), startsAt = DateTimeOffset.UtcNow.AddMinutes(-1) } },
        }));
        var rolloutId = rollout.GetProperty("id").GetGuid();
        var secret = (await Json(await admin.PostAsJsonAsync("api/v1/enrollment-tokens", new { description = "rollout test" }))).GetProperty("secret").GetString()!;
        var data = Path.Combine(_root.Path, "agent");
        using (var enroll = AgentProcess.Start("enroll", "--server", server.Url.ToString(), "--token", secret, "--data", data, "--bind", "127.0.33.5"))
        {
            Assert.Equal(0, await enroll.WaitAsync(AgentRun.Patience));
        }

        using var agent = AgentRun.Start(data);
        string state = "";
        await AgentRun.UntilAsync(
            () =>
            {
                var page = admin.GetFromJsonAsync<JsonElement>(new Uri($"api/v1/rollouts/{rolloutId}/progress/agents", UriKind.Relative)).Result;
                state = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("state").GetString()).FirstOrDefault() ?? "";
                return state == "Succeeded" && AgentRun.DownloadAsync(data, rolloutId).Result is { Stage: "Installed" };
            },
            agent,
            "the server to show the agent Succeeded, and the agent its package installed");

        Assert.Equal("ok", (await File.ReadAllTextAsync(marker)).Trim());
        var download = (await AgentRun.DownloadAsync(data, rolloutId))!;
        Assert.Equal(package.Metainfo.Layout.TotalLength, download.VerifiedBytes);
        // The only agent of its site is its WAN fetcher: the server's origin (its peer on 127.0.0.1 or its web seed) delivered
        // it all; the test's own seed on 127.0.0.50 is unknown to the server's tracker.
        var fromOrigin = download.Sources.Where(s => s.Source == "127.0.0.1" || s.Source.StartsWith("web seed " + server.Url, StringComparison.Ordinal)).Sum(s => s.Received);
        Assert.InRange(fromOrigin, package.Metainfo.Layout.TotalLength, package.Metainfo.Layout.TotalLength + (1024 * 1024));
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
