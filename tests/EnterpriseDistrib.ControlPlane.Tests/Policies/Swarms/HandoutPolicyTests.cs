using System.Collections.Immutable;
using System.Net;
using EnterpriseDistrib.ControlPlane.Policies.Swarms;

namespace EnterpriseDistrib.ControlPlane.Tests.Policies.Swarms;

public sealed class HandoutPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Region = Guid.NewGuid();
    private static readonly Guid Paris = Guid.NewGuid();
    private static readonly Guid Lyon = Guid.NewGuid();
    private static readonly Guid Tokyo = Guid.NewGuid();
    private static readonly SiteHierarchy Sites = new([new(Paris, Region), new(Lyon, Region)]);
    private static readonly IPEndPoint Origin = new(IPAddress.Parse("127.0.0.1"), 7000);
    private int _nextAddress;

    [Fact]
    public void Same_site_seeds_come_before_same_site_partial_peers()
    {
        var requester = Peer(Paris, left: 100);
        var partials = Enumerable.Range(0, 5).Select(_ => Peer(Paris, left: 50)).ToList();
        var seeds = Enumerable.Range(0, 3).Select(_ => Peer(Paris, left: 0)).ToList();

        var handout = Choose(requester, [.. partials, .. seeds], fetcher: false, numWant: 50);

        Assert.Equal(8, handout.Peers.Length);
        Assert.All(handout.Peers.Take(3), p => Assert.Equal(HandoutSource.SameSiteSeed, p.Source));
        Assert.All(handout.Peers.Skip(3), p => Assert.Equal(HandoutSource.SameSitePeer, p.Source));
    }

    [Fact]
    public void An_agent_that_is_not_a_wan_fetcher_gets_neither_other_sites_nor_the_origin()
    {
        var requester = Peer(Paris, left: 100);
        var handout = Choose(requester, [Peer(Paris, left: 10), Peer(Lyon, left: 0), Peer(Tokyo, left: 0)], fetcher: false);

        var only = Assert.Single(handout.Peers);
        Assert.Equal(HandoutSource.SameSitePeer, only.Source);
        Assert.Contains(handout.Explanation, line => line.Contains("not a WAN fetcher: 2 peer(s) of other sites and the origin withheld", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wan_fetcher_gets_its_region_before_far_sites_and_the_origin_last()
    {
        var requester = Peer(Paris, left: 100);
        var tokyo = Peer(Tokyo, left: 0);
        var lyon = Peer(Lyon, left: 0);

        var handout = Choose(requester, [tokyo, lyon], fetcher: true);

        Assert.Equal(
            [HandoutSource.NearbySitePeer, HandoutSource.OtherSitePeer, HandoutSource.Origin],
            handout.Peers.Select(p => p.Source));
        Assert.Equal(lyon.EndPoint, handout.Peers[0].EndPoint);
        Assert.Equal(Origin, handout.Peers[2].EndPoint);
    }

    [Fact]
    public void A_wan_fetcher_always_keeps_a_slot_for_the_origin()
    {
        var requester = Peer(Paris, left: 100);
        var far = Enumerable.Range(0, 10).Select(_ => Peer(Tokyo, left: 0)).ToList();

        var handout = Choose(requester, [.. far], fetcher: true, numWant: 4);

        Assert.Equal(4, handout.Peers.Length);
        Assert.Equal(HandoutSource.Origin, handout.Peers[^1].Source);
    }

    [Fact]
    public void Of_another_sites_partial_peers_a_fetcher_is_handed_only_that_sites_wan_fetchers()
    {
        var requester = Peer(Paris, left: 100);
        var tokyoFetcher = Peer(Tokyo, left: 50);
        var tokyoWaiting = Peer(Tokyo, left: 60);
        var tokyoSeed = Peer(Tokyo, left: 0);

        var handout = HandoutPolicy.Choose(
            Request(requester, [tokyoFetcher, tokyoWaiting, tokyoSeed], true, 50) with { WanFetchers = new HashSet<Guid> { requester.AgentId, tokyoFetcher.AgentId } },
            new Random(7));

        // A connection works both ways: handed to Paris's fetcher, Tokyo's waiting agent would download across the WAN.
        Assert.Equal([tokyoSeed.EndPoint, tokyoFetcher.EndPoint, Origin], handout.Peers.Select(p => p.EndPoint));
    }

    [Fact]
    public void The_requester_and_silent_peers_are_never_handed_out()
    {
        var requester = Peer(Paris, left: 100);
        var silent = Peer(Paris, left: 0) with { LastAnnounce = Now - TimeSpan.FromHours(1) };

        var handout = Choose(requester, [requester, silent], fetcher: false);

        Assert.Empty(handout.Peers);
        Assert.Contains(handout.Explanation, line => line.StartsWith("1 peer(s) not handed out: silent", StringComparison.Ordinal));
    }

    [Fact]
    public void An_agent_at_no_known_site_has_no_site_peers()
    {
        var requester = Peer(null, left: 100);

        var handout = Choose(requester, [Peer(null, left: 0), Peer(Paris, left: 0)], fetcher: false);

        Assert.Empty(handout.Peers);
    }

    [Fact]
    public void Samples_differ_between_announces_so_the_swarm_stays_a_random_graph()
    {
        var requester = Peer(Paris, left: 100);
        var swarm = Enumerable.Range(0, 200).Select(_ => Peer(Paris, left: 10)).ToImmutableArray();
        var random = new Random(42);

        var samples = Enumerable.Range(0, 20)
            .Select(_ => string.Join(',', HandoutPolicy.Choose(Request(requester, swarm, false, 10), random).Peers.Select(p => p.EndPoint)))
            .ToHashSet();

        Assert.Equal(20, samples.Count);
    }

    [Fact]
    public void Numwant_caps_the_answer()
    {
        var requester = Peer(Paris, left: 100);
        var swarm = Enumerable.Range(0, 100).Select(_ => Peer(Paris, left: 10)).ToImmutableArray();

        var handout = HandoutPolicy.Choose(Request(requester, swarm, true, 30), new Random(1));

        Assert.Equal(30, handout.Peers.Length);
        Assert.Equal(30, handout.Peers.Select(p => p.EndPoint).Distinct().Count());
    }

    private static Handout Choose(SwarmPeer requester, SwarmPeer[] swarm, bool fetcher, int numWant = 50) =>
        HandoutPolicy.Choose(Request(requester, [.. swarm], fetcher, numWant), new Random(7));

    private static HandoutRequest Request(SwarmPeer requester, ImmutableArray<SwarmPeer> swarm, bool fetcher, int numWant) =>
        new(requester, swarm, fetcher, [Origin], Sites, numWant, Now, TimeSpan.FromMinutes(10));

    private SwarmPeer Peer(Guid? site, long left)
    {
        var n = ++_nextAddress;
        return new SwarmPeer(Guid.NewGuid(), site, new IPEndPoint(IPAddress.Parse($"127.1.{n / 250}.{(n % 250) + 1}"), 6881), left, Now);
    }
}
