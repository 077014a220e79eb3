using System.Text.Json;
using EnterpriseDistrib.Agent.ServerApi;
using EnterpriseDistrib.Agent.Status;

namespace EnterpriseDistrib.Agent.Tests.ServerApi;

/// <summary>The server's JSON for the site policy and the install window (nulls left out), as the agent reads it.</summary>
public sealed class SitePolicyWireTests
{
    [Fact]
    public void A_heartbeat_answer_gives_the_sites_time_zone_and_business_hours()
    {
        const string json = """
            {"agentId":"0195e0c4-0000-7000-8000-000000000001","siteId":"0195e0c4-0000-7000-8000-000000000002","nextHeartbeatSeconds":300,
             "siteTimeZone":"Asia/Tokyo","businessHours":{"start":"09:00:00","end":"17:30:00","downloadBytesPerSecond":2000000,"uploadBytesPerSecond":100000}}
            """;

        var beat = JsonSerializer.Deserialize<HeartbeatResponse>(json, AgentApiJson.Options)!;

        Assert.Equal("Asia/Tokyo", beat.SiteTimeZone);
        Assert.Equal(new SiteBusinessHours(new TimeOnly(9, 0), new TimeOnly(17, 30), 2_000_000, 100_000), beat.BusinessHours);
    }

    [Fact]
    public void A_heartbeat_answer_from_a_site_without_a_policy_leaves_the_agents_configuration_in_charge()
    {
        var beat = JsonSerializer.Deserialize<HeartbeatResponse>("""{"agentId":"0195e0c4-0000-7000-8000-000000000001","nextHeartbeatSeconds":300}""", AgentApiJson.Options)!;

        Assert.Null(beat.BusinessHours);
        Assert.Null(beat.SiteTimeZone);
    }

    [Fact]
    public void An_assignment_gives_its_install_window_and_the_status_line_says_the_install_waits_for_it()
    {
        const string json = """
            {"rolloutId":"0195e0c4-0000-7000-8000-000000000003","rolloutName":"night","packageId":"0195e0c4-0000-7000-8000-000000000004",
             "packageVersionId":"0195e0c4-0000-7000-8000-000000000005","version":"1.0","infoHash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","totalSize":1,
             "install":{"kind":"Script","command":"install.sh","timeoutSeconds":60},"torrentUrl":"/t","announceUrl":"http://s/announce/p",
             "installWindow":{"start":"22:00:00","end":"05:00:00"},"siteTimeZone":"Europe/Paris"}
            """;

        var assignment = JsonSerializer.Deserialize<Assignment>(json, AgentApiJson.Options)!;

        Assert.Equal(new InstallWindow(new TimeOnly(22, 0), new TimeOnly(5, 0)), assignment.InstallWindow);
        Assert.Equal("Europe/Paris", assignment.SiteTimeZone);
        Assert.Equal(
            "Downloaded; waiting for the install window 22:00-05:00 (site time Europe/Paris), opens 2026-11-30 21:00:00Z",
            StatusText.WaitingForInstallWindow(assignment, new DateTimeOffset(2026, 11, 30, 21, 0, 0, TimeSpan.Zero)));
    }
}
