using System.Net;
using System.Net.Sockets;
using EnterpriseDistrib.Catalog.Sites;

namespace EnterpriseDistrib.ControlPlane.Policies;

/// <summary>
/// Places an address in a site by longest-prefix match over every site's IPv4 and IPv6 ranges, and says why.
/// Built once from the catalog's ranges; a lookup is at most one dictionary probe per distinct prefix length,
/// whatever the number of ranges. Immutable, so it is safe to share between threads.
/// </summary>
public sealed class SiteResolver
{
    private const int MaxAlsoListed = 3;

    private readonly PrefixLevel[] _v4;
    private readonly PrefixLevel[] _v6;

    private SiteResolver(IReadOnlyList<SiteRangeEntry> entries)
    {
        Entries = entries;
        _v4 = Levels(entries, AddressFamily.InterNetwork);
        _v6 = Levels(entries, AddressFamily.InterNetworkV6);
    }

    /// <summary>Every range the resolver knows.</summary>
    public IReadOnlyList<SiteRangeEntry> Entries { get; }

    public static SiteResolver Empty { get; } = new([]);

    public static SiteResolver Build(IEnumerable<SiteRangeEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new SiteResolver([.. entries]);
    }

    /// <summary>
    /// Builds from stored text ranges; a row that no longer parses (stored before a stricter rule) is left out
    /// and returned in <paramref name="rejected"/> so the caller can log it.
    /// </summary>
    public static SiteResolver Build(IEnumerable<SiteRangeRow> rows, out IReadOnlyList<string> rejected)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Build(rows.Select(r => (r.SiteId, r.SiteName, r.Cidr)), out rejected);
    }

    /// <summary>The same from plain tuples.</summary>
    public static SiteResolver Build(IEnumerable<(Guid SiteId, string SiteName, string Cidr)> rows, out IReadOnlyList<string> rejected)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var entries = new List<SiteRangeEntry>();
        var errors = new List<string>();
        foreach (var (siteId, siteName, text) in rows)
        {
            if (Cidr.TryParse(text, out var cidr, out var error))
            {
                entries.Add(new SiteRangeEntry(siteId, siteName, cidr));
            }
            else
            {
                errors.Add($"Site '{siteName}': {error}");
            }
        }

        rejected = errors;
        return new SiteResolver(entries);
    }

    /// <summary>Resolves address text; text that is not an IP address is unplaced with a reason saying so.</summary>
    public SiteResolution Resolve(string? addressText) =>
        IPAddress.TryParse(addressText, out var address)
            ? Resolve(address)
            : new SiteResolution(null, null, null, $"'{addressText}' is not an IP address, so no site range can match it.");

    public SiteResolution Resolve(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var normalized = Cidr.Normalize(address);
        var levels = normalized.AddressFamily == AddressFamily.InterNetwork ? _v4 : _v6;
        var width = normalized.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var bits = Cidr.ToBits(normalized);

        SiteRangeEntry[]? best = null;
        var wider = new List<SiteRangeEntry>();
        foreach (var level in levels)
        {
            if (!level.Networks.TryGetValue(bits & Cidr.Mask(level.PrefixLength, width), out var matches))
            {
                continue;
            }

            if (best is null)
            {
                best = matches;
            }
            else if (wider.Count < MaxAlsoListed)
            {
                wider.Add(matches[0]);
            }
        }

        if (best is null)
        {
            return new SiteResolution(null, null, null, $"{normalized} is in no site's ranges, so the agent is not placed in any site.");
        }

        var winner = best[0];
        var explanation = $"{normalized} is in {winner.Range} of site '{winner.SiteName}'";
        if (best.Length > 1)
        {
            explanation += $"; the same range also belongs to {string.Join(", ", best.Skip(1).Select(e => $"'{e.SiteName}'"))}, " +
                "and the first by name was chosen — remove the duplicate";
        }

        explanation += wider.Count > 0
            ? $" (longest matching prefix; it is also in {string.Join(", ", wider)})."
            : " (longest matching prefix).";
        return new SiteResolution(winner.SiteId, winner.SiteName, winner.Range, explanation);
    }

    /// <summary>Every pair of overlapping ranges (nested or identical), widest first; O(n log n) plus the pairs found.</summary>
    public static IReadOnlyList<RangeOverlap> FindOverlaps(IEnumerable<SiteRangeEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var overlaps = new List<RangeOverlap>();
        foreach (var family in entries.GroupBy(e => e.Range.Family))
        {
            // Sorted by network then prefix, a range comes after every range that contains it;
            // the stack holds the chain of ranges containing the current one.
            var sorted = family.OrderBy(e => e.Range.Bits).ThenBy(e => e.Range.PrefixLength).ThenBy(e => e.SiteName, StringComparer.Ordinal);
            var enclosing = new List<SiteRangeEntry>();
            foreach (var entry in sorted)
            {
                while (enclosing.Count > 0 && !enclosing[^1].Range.Contains(entry.Range))
                {
                    enclosing.RemoveAt(enclosing.Count - 1);
                }

                foreach (var outer in enclosing)
                {
                    var kind = outer.Range.PrefixLength == entry.Range.PrefixLength ? OverlapKind.Identical : OverlapKind.Nested;
                    overlaps.Add(new RangeOverlap(outer, entry, kind));
                }

                enclosing.Add(entry);
            }
        }

        return overlaps;
    }

    /// <summary>The overlaps that involve <paramref name="siteId"/>: the report shown when that site is saved.</summary>
    public static IReadOnlyList<RangeOverlap> FindOverlapsOf(IEnumerable<SiteRangeEntry> entries, Guid siteId) =>
        [.. FindOverlaps(entries).Where(o => o.Wider.SiteId == siteId || o.Narrower.SiteId == siteId)];

    private static PrefixLevel[] Levels(IEnumerable<SiteRangeEntry> entries, AddressFamily family) =>
    [
        .. entries.Where(e => e.Range.Family == family)
            .GroupBy(e => e.Range.PrefixLength)
            .OrderByDescending(g => g.Key)
            .Select(g => new PrefixLevel(
                g.Key,
                g.GroupBy(e => e.Range.Bits).ToDictionary(
                    n => n.Key,
                    // Identical ranges in several sites: a stable, documented choice (site name, then id).
                    n => n.OrderBy(e => e.SiteName, StringComparer.Ordinal).ThenBy(e => e.SiteId).ToArray()))),
    ];

    private sealed record PrefixLevel(int PrefixLength, Dictionary<UInt128, SiteRangeEntry[]> Networks);
}
