using EnterpriseDistrib.Torrent.Tracker;

namespace EnterpriseDistrib.Torrent.Tests.Tracker;

public sealed class TrackerTiersTests
{
    private static readonly Uri A = new("http://a/announce");
    private static readonly Uri B = new("http://b/announce");
    private static readonly Uri C = new("http://c/announce");
    private static readonly Uri D = new("http://d/announce");

    [Fact]
    public void Trackers_are_tried_tier_by_tier_in_order()
    {
        var tiers = new TrackerTiers([[A, B], [C], [], [D]], shuffle: null);

        Assert.Equal([A, B, C, D], tiers.InOrder());
    }

    [Fact]
    public void An_answering_tracker_moves_to_the_front_of_its_own_tier_only()
    {
        var tiers = new TrackerTiers([[A, B], [C, D]], shuffle: null);

        tiers.Promote(B);
        tiers.Promote(D);

        Assert.Equal([B, A, D, C], tiers.InOrder());
    }

    [Fact]
    public void Shuffling_keeps_every_tracker_within_its_tier()
    {
        var tiers = new TrackerTiers([[A, B, C], [D]], new Random(7));

        var order = tiers.InOrder();

        Assert.Equal([A, B, C], order.Take(3).Order(Comparer<Uri>.Create((x, y) => string.CompareOrdinal(x.Host, y.Host))));
        Assert.Equal(D, order[3]);
    }

    [Fact]
    public void A_torrent_without_trackers_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new TrackerTiers([[], []], shuffle: null));
    }
}
