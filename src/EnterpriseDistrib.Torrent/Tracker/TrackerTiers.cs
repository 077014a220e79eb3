using System.Runtime.InteropServices;

namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>
/// A torrent's trackers in BEP 12 order: tier by tier, each tier's trackers in turn; the tracker that answers moves to
/// the front of its tier so the next round starts with it.
/// </summary>
internal sealed class TrackerTiers
{
    private readonly List<List<Uri>> _tiers;

    /// <param name="shuffle">BEP 12 shuffles each tier once so clients spread over a tier's trackers; null keeps the order.</param>
    public TrackerTiers(IReadOnlyList<IReadOnlyList<Uri>> tiers, Random? shuffle)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        _tiers = [.. tiers.Where(t => t.Count > 0).Select(t => t.ToList())];
        if (_tiers.Count == 0)
        {
            throw new ArgumentException("A torrent needs at least one tracker to announce to.", nameof(tiers));
        }

        if (shuffle is not null)
        {
            foreach (var tier in _tiers)
            {
                shuffle.Shuffle(CollectionsMarshal.AsSpan(tier));
            }
        }
    }

    /// <summary>Every tracker in the order to try them now (a snapshot).</summary>
    public IReadOnlyList<Uri> InOrder() => [.. _tiers.SelectMany(t => t)];

    /// <summary>Moves <paramref name="tracker"/> to the front of its tier.</summary>
    public void Promote(Uri tracker)
    {
        foreach (var tier in _tiers)
        {
            var index = tier.IndexOf(tracker);
            if (index > 0)
            {
                tier.RemoveAt(index);
                tier.Insert(0, tracker);
            }

            if (index >= 0)
            {
                return;
            }
        }
    }
}
