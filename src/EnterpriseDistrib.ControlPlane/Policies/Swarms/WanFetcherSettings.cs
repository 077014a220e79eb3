namespace EnterpriseDistrib.ControlPlane.Policies.Swarms;

/// <summary>How many agents per site and package may fetch over the WAN, and when one is given up on.</summary>
public sealed record WanFetcherSettings
{
    /// <summary>At most this many fetchers per (site, package): the rollout's "max WAN fetchers per site".</summary>
    public int MaxFetchersPerSite { get; init; } = 1;

    /// <summary>A fetcher that has not announced for this long is replaced (it crashed, rebooted or left).</summary>
    public TimeSpan AnnounceTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A fetcher whose bytes left have not gone down for this long is replaced (it is stuck).</summary>
    public TimeSpan ProgressTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public WanFetcherSettings Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFetchersPerSite, 1, nameof(MaxFetchersPerSite));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AnnounceTimeout, TimeSpan.Zero, nameof(AnnounceTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ProgressTimeout, TimeSpan.Zero, nameof(ProgressTimeout));
        return this;
    }
}
