using System.Globalization;

namespace EnterpriseDistrib.Agent.Cache;

/// <summary>
/// Pure rules of the package cache: what to evict to make room under the quota (least recently used first, never a
/// package an active assignment needs), when to refuse a package outright, and which packages have outlived the
/// retention period.
/// </summary>
public static class CacheEvictionPolicy
{
    /// <summary>Makes room for <paramref name="incoming"/> of <paramref name="incomingSize"/> bytes under <paramref name="quota"/>.</summary>
    public static CachePlan Admit(IReadOnlyCollection<CachedPackage> cached, IReadOnlySet<string> needed, long quota, string incoming, long incomingSize)
    {
        ArgumentNullException.ThrowIfNull(cached);
        ArgumentNullException.ThrowIfNull(needed);
        if (incomingSize > quota)
        {
            return new CachePlan([], RefusedBecause: string.Create(CultureInfo.InvariantCulture,
                $"Refused: the package is {incomingSize:N0} bytes, larger than the whole cache quota of {quota:N0} bytes; raise Agent:CacheQuotaShare or Agent:CacheQuotaBytes."));
        }

        var others = cached.Where(p => !string.Equals(p.InfoHash, incoming, StringComparison.OrdinalIgnoreCase)).ToList();
        var used = others.Sum(p => p.Size);
        var evict = new List<CachedPackage>();
        foreach (var candidate in others.Where(p => !needed.Contains(p.InfoHash)).OrderBy(p => p.LastUsedAt).ThenBy(p => p.InfoHash, StringComparer.Ordinal))
        {
            if (used + incomingSize <= quota)
            {
                break;
            }

            evict.Add(candidate);
            used -= candidate.Size;
        }

        if (used + incomingSize > quota)
        {
            return new CachePlan([], WaitingBecause: string.Create(CultureInfo.InvariantCulture,
                $"The package is {incomingSize:N0} bytes and packages other active rollouts need take {used:N0} of the {quota:N0}-byte cache quota; it waits until they are done."));
        }

        return new CachePlan(evict);
    }

    /// <summary>Installed packages no assignment needs whose retention period is over: they stop seeding and leave the disk.</summary>
    public static IReadOnlyList<CachedPackage> Expired(IReadOnlyCollection<CachedPackage> cached, IReadOnlySet<string> needed, DateTimeOffset now, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(cached);
        ArgumentNullException.ThrowIfNull(needed);
        return [.. cached.Where(p => !needed.Contains(p.InfoHash) && (p.InstalledAt ?? p.LastUsedAt) + retention <= now)];
    }
}
