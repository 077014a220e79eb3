using EnterpriseDistrib.Torrent.Net;

namespace EnterpriseDistrib.Torrent.WebSeeds;

/// <summary>Limits and patience for one web seed.</summary>
public sealed record WebSeedOptions
{
    public static WebSeedOptions Default { get; } = new();

    /// <summary>Bounds each HTTP request, from sending it to the last byte of its body.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries per read, including the first; transient errors (5xx, resets, short bodies, timeouts) are retried.</summary>
    public int MaxAttempts { get; init; } = 3;

    public RetryBackoff RetryBackoff { get; init; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

    /// <summary>Failed reads in a row (after their retries) after which the seed is disabled.</summary>
    public int FailuresBeforeDisable { get; init; } = 3;

    /// <summary>How long a disabled seed rests; doubles with each further failure, up to its maximum.</summary>
    public RetryBackoff DisableBackoff { get; init; } = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));

    /// <summary>
    /// A server that ignores <c>Range</c> answers 200 with the whole file; we read past the bytes before our range
    /// only up to this many, and refuse otherwise.
    /// </summary>
    public long MaxSkippedBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Seeds the jitter of the backoffs; null for a random seed.</summary>
    public int? RandomSeed { get; init; }
}
