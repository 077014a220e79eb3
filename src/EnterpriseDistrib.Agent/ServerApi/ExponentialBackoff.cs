namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>
/// Waits between failed attempts: <see cref="Initial"/> doubled per consecutive failure up to <see cref="Max"/>,
/// spread by ±<see cref="Jitter"/> so agents that lost the server together do not return together.
/// </summary>
public sealed record ExponentialBackoff(TimeSpan Initial, TimeSpan Max, double Jitter)
{
    /// <summary>The wait after <paramref name="failures"/> consecutive failures (1 = the first); <paramref name="random"/> is in [0, 1).</summary>
    public TimeSpan Delay(int failures, double random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failures);
        var exponent = Math.Min(failures - 1, 30);
        var baseTicks = Math.Min((double)Max.Ticks, Initial.Ticks * Math.Pow(2, exponent));
        var spread = 1 + (Jitter * ((2 * random) - 1));
        return TimeSpan.FromTicks((long)Math.Min(Max.Ticks, baseTicks * spread));
    }

    /// <summary>A period spread by ±<paramref name="jitter"/>.</summary>
    public static TimeSpan Spread(TimeSpan period, double jitter, double random) =>
        TimeSpan.FromTicks((long)(period.Ticks * (1 + (jitter * ((2 * random) - 1)))));
}
