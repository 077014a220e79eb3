namespace EnterpriseDistrib.Agent.Cache;

/// <summary>The eviction policy's answer for a package about to enter the cache.</summary>
/// <param name="Evict">Packages to remove first, least recently used first (empty when it fits as is).</param>
/// <param name="RefusedBecause">Why the package can never be cached under this quota (it is larger than the quota), or null.</param>
/// <param name="WaitingBecause">Why it cannot be cached now (other active rollouts fill the quota), or null.</param>
public sealed record CachePlan(IReadOnlyList<CachedPackage> Evict, string? RefusedBecause = null, string? WaitingBecause = null)
{
    public bool Accepted => RefusedBecause is null && WaitingBecause is null;
}
