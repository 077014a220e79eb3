using EnterpriseDistrib.Agent.ServerApi;

namespace EnterpriseDistrib.Agent.Tests.ServerApi;

public sealed class ExponentialBackoffTests
{
    [Fact]
    public void Delays_double_per_failure_up_to_the_ceiling()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), Jitter: 0);

        Assert.Equal([2, 4, 8, 16, 32, 60, 60], Enumerable.Range(1, 7).Select(f => backoff.Delay(f, 0.5).TotalSeconds));
    }

    [Fact]
    public void Jitter_spreads_a_delay_within_its_share_and_never_past_the_ceiling()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(12), Jitter: 0.2);

        Assert.Equal(8, backoff.Delay(1, 0).TotalSeconds, 6);
        Assert.Equal(11.999, backoff.Delay(1, 0.9995).TotalSeconds, 2);
        Assert.Equal(12, backoff.Delay(10_000, 0.99).TotalSeconds, 6);
    }
}
