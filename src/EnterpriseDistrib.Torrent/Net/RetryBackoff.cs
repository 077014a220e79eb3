namespace EnterpriseDistrib.Torrent.Net;

/// <summary>
/// Exponential backoff with jitter: the delay after the n-th consecutive failure is <c>BaseDelay·2^(n-1)</c>, capped at
/// <see cref="MaxDelay"/>, then spread by ±<see cref="JitterFraction"/> so that many clients failing together do not
/// retry together.
/// </summary>
public sealed record RetryBackoff(TimeSpan BaseDelay, TimeSpan MaxDelay, double JitterFraction = 0.2)
{
    /// <param name="failures">Consecutive failures so far (1 after the first).</param>
    /// <param name="random">The jitter's source; pass a seeded one in tests.</param>
    public TimeSpan GetDelay(int failures, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failures);
        ArgumentNullException.ThrowIfNull(random);
        var exponent = Math.Min(failures - 1, 30);
        var ticks = Math.Min(BaseDelay.Ticks * Math.Pow(2, exponent), MaxDelay.Ticks);
        var jitter = 1 + (JitterFraction * ((random.NextDouble() * 2) - 1));
        return TimeSpan.FromTicks((long)Math.Clamp(ticks * jitter, 0, MaxDelay.Ticks));
    }
}
