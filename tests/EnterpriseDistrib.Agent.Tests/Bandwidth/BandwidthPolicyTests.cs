using EnterpriseDistrib.Agent.Bandwidth;
using EnterpriseDistrib.Agent.Configuration;

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
}
