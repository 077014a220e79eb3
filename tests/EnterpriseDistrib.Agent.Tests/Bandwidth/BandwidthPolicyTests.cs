using EnterpriseDistrib.Agent.Bandwidth;
using EnterpriseDistrib.Agent.Configuration;
using EnterpriseDistrib.Agent.ServerApi;

namespace EnterpriseDistrib.Agent.Tests.Bandwidth;

public sealed class BandwidthPolicyTests
{
    private static DateTimeOffset At(int hour) => new(2026, 11, 30, hour, 30, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Without_business_hours_the_normal_caps_always_apply()
    {
        var policy = BandwidthPolicy.FromSettings(new AgentSettings { DownloadRateLimit = 100, UploadRateLimit = 50 });

        Assert.Equal(new BandwidthCaps(100, 50), policy.At(At(10)));
        Assert.Equal(new BandwidthCaps(100, 50), policy.At(At(22)));
    }

    [Fact]
    public void Inside_business_hours_the_business_caps_apply_and_an_unset_one_falls_back_to_the_normal_cap()
    {
        var policy = BandwidthPolicy.FromSettings(new AgentSettings
        {
            DownloadRateLimit = 1000,
            UploadRateLimit = 500,
            BusinessHoursStart = TimeSpan.FromHours(8),
            BusinessHoursEnd = TimeSpan.FromHours(18),
            BusinessHoursDownloadRateLimit = 100,
        });

        Assert.Equal(new BandwidthCaps(100, 500), policy.At(At(8)));
        Assert.Equal(new BandwidthCaps(100, 500), policy.At(At(17)));
        Assert.Equal(new BandwidthCaps(1000, 500), policy.At(At(18)));
        Assert.Equal(new BandwidthCaps(1000, 500), policy.At(At(7)));
    }

    [Fact]
    public void A_window_ending_before_it_starts_spans_midnight()
    {
        var policy = new BandwidthPolicy(new BandwidthCaps(0, 0), new BandwidthCaps(1, 1), TimeSpan.FromHours(22), TimeSpan.FromHours(6));

        Assert.Equal(new BandwidthCaps(1, 1), policy.At(At(23)));
        Assert.Equal(new BandwidthCaps(1, 1), policy.At(At(2)));
        Assert.Equal(new BandwidthCaps(0, 0), policy.At(At(12)));
    }

    // The agent's own clock runs at +01:00; the site is in New York (UTC-5 on this date).
    private static readonly AgentSettings Configured = new()
    {
        DownloadRateLimit = 1000,
        UploadRateLimit = 500,
        BusinessHoursStart = TimeSpan.FromHours(8),
        BusinessHoursEnd = TimeSpan.FromHours(18),
        BusinessHoursDownloadRateLimit = 100,
        BusinessHoursUploadRateLimit = 50,
    };

    private static DateTimeOffset Utc(int hour, int minute) => new DateTimeOffset(2026, 11, 30, hour, minute, 0, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(1));

    [Fact]
    public void The_sites_business_hours_and_caps_win_over_the_configured_ones_and_are_read_in_the_sites_time_zone()
    {
        var policy = BandwidthPolicy.FromSettings(Configured)
            .WithSite(new SiteBusinessHours(new TimeOnly(9, 0), new TimeOnly(17, 0), 200, 0), "America/New_York");

        Assert.Equal(new BandwidthCaps(200, 0), policy.At(Utc(14, 0)));  // 09:00 in New York: the site's hours start
        Assert.Equal(new BandwidthCaps(200, 0), policy.At(Utc(21, 59))); // 16:59 in New York
        Assert.Equal(new BandwidthCaps(1000, 500), policy.At(Utc(13, 30))); // 08:30 in New York, though 14:30 on the agent's clock
        Assert.Equal(new BandwidthCaps(1000, 500), policy.At(Utc(22, 0)));  // 17:00 in New York: the hours end
    }

    [Fact]
    public void Without_a_site_policy_the_configured_business_hours_apply_on_the_agents_clock()
    {
        var policy = BandwidthPolicy.FromSettings(Configured).WithSite(null, "America/New_York");

        Assert.Equal(new BandwidthCaps(100, 50), policy.At(Utc(7, 0)));   // 08:00 at +01:00
        Assert.Equal(new BandwidthCaps(1000, 500), policy.At(Utc(17, 0))); // 18:00 at +01:00
    }

    [Fact]
    public void A_site_without_a_known_time_zone_reads_its_business_hours_in_utc()
    {
        var hours = new SiteBusinessHours(new TimeOnly(9, 0), new TimeOnly(17, 0), 300, 30);

        foreach (var zone in new[] { null, "Not/A_Zone" })
        {
            var policy = BandwidthPolicy.FromSettings(Configured).WithSite(hours, zone);
            Assert.Equal(new BandwidthCaps(300, 30), policy.At(Utc(9, 0)));
            Assert.Equal(new BandwidthCaps(1000, 500), policy.At(Utc(8, 59)));
        }
    }
}
