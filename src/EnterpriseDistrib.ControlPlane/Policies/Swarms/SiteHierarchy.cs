using System.Collections.Frozen;

namespace EnterpriseDistrib.ControlPlane.Policies.Swarms;

/// <summary>Which site encloses which (office → region → …), for preferring nearby WAN sources.</summary>
public sealed class SiteHierarchy
{
    private const int MaxDepth = 32;

    private readonly FrozenDictionary<Guid, Guid> _parents;

    public SiteHierarchy(IEnumerable<KeyValuePair<Guid, Guid>> childToParent)
    {
        _parents = childToParent.ToFrozenDictionary();
    }

    public static SiteHierarchy Flat { get; } = new([]);

    /// <summary>
    /// How close two sites are over the WAN: 0 for the same site, 1 when one encloses the other or they
    /// share a parent, higher the further their common ancestor, <see cref="int.MaxValue"/> when they
    /// have none (or either is unknown).
    /// </summary>
    public int Distance(Guid? from, Guid? to)
    {
        if (from is not { } a || to is not { } b)
        {
            return int.MaxValue;
        }

        if (a == b)
        {
            return 0;
        }

        var ancestorsOfA = Ancestors(a).Select((site, depth) => (site, depth)).ToDictionary(x => x.site, x => x.depth);
        var depthB = 0;
        foreach (var ancestor in Ancestors(b))
        {
            if (ancestorsOfA.TryGetValue(ancestor, out var depthA))
            {
                return Math.Max(Math.Max(depthA, depthB), 1);
            }

            depthB++;
        }

        return int.MaxValue;
    }

    /// <summary>The site itself, then its parent, grandparent…; stops at a cycle or <see cref="MaxDepth"/>.</summary>
    private IEnumerable<Guid> Ancestors(Guid site)
    {
        var current = site;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            yield return current;
            if (!_parents.TryGetValue(current, out var parent) || parent == site)
            {
                yield break;
            }

            current = parent;
        }
    }
}
