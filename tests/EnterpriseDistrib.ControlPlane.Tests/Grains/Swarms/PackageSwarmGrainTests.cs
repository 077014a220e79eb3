using System.Net;
using EnterpriseDistrib.ControlPlane.Abstractions.Swarms;

namespace EnterpriseDistrib.ControlPlane.Tests.Grains.Swarms;

[Collection(GrainClusterCollection.Name)]
public sealed class PackageSwarmGrainTests(GrainClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2030, 1, 7, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromMinutes(12.5);
    private static readonly IPEndPoint Origin = new(IPAddress.Parse("127.0.0.1"), 7000);
    private readonly Guid _paris = Guid.NewGuid();
    private readonly Guid _lyon = Guid.NewGuid();
    private int _host;

    [Fact]
    public async Task The_first_agent_of_a_site_fetches_over_the_wan_and_the_second_waits_for_it()
    {
        var swarm = NewSwarm();
        var lyonSeed = await swarm.Announce(Announce(Guid.NewGuid(), _lyon, left: 0, Start));
        Assert.False(lyonSeed.IsWanFetcher);

        var first = await swarm.Announce(Announce(Guid.NewGuid(), _paris, left: 100, Start.AddSeconds(1)));
        var second = await swarm.Announce(Announce(Guid.NewGuid(), _paris, left: 100, Start.AddSeconds(2)));

        Assert.True(first.IsWanFetcher);
        Assert.Equal(12, first.Peers4.Length);
        Assert.Equal(Origin.Address, new IPAddress(first.Peers4.AsSpan(6, 4)));
        Assert.False(second.IsWanFetcher);
        Assert.Equal(6, second.Peers4.Length);
        Assert.Equal((1, 2), (second.Seeds, second.Partials));
    }

    [Fact]
    public async Task A_stopped_fetcher_is_replaced_by_the_next_agent_of_its_site()
    {
        var swarm = NewSwarm();
        var fetcher = Guid.NewGuid();
        var waiter = Guid.NewGuid();
        Assert.True((await swarm.Announce(Announce(fetcher, _paris, 100, Start))).IsWanFetcher);
        Assert.False((await swarm.Announce(Announce(waiter, _paris, 100, Start.AddSeconds(1)))).IsWanFetcher);

        await swarm.Announce(Announce(fetcher, _paris, 100, Start.AddSeconds(2)) with { Event = SwarmEvent.Stopped });
        var again = await swarm.Announce(Announce(waiter, _paris, 100, Start.AddSeconds(3)));

        Assert.True(again.IsWanFetcher);
        var report = await swarm.Explain(_paris, Start.AddSeconds(3), PeerTimeout);
        Assert.Equal(waiter, Assert.Single(report.Fetchers).AgentId);
        Assert.Equal(waiter, Assert.Single(report.Peers).AgentId);
    }

    [Fact]
    public async Task A_silent_fetcher_expires_and_a_site_holding_the_package_needs_no_fetcher()
    {
        var swarm = NewSwarm();
        var silent = Guid.NewGuid();
        var seed = Guid.NewGuid();
        Assert.True((await swarm.Announce(Announce(silent, _paris, 100, Start))).IsWanFetcher);

        var later = Start + PeerTimeout + TimeSpan.FromMinutes(1);
        var successor = Guid.NewGuid();
        var took = await swarm.Announce(Announce(successor, _paris, 100, later));
        Assert.True(took.IsWanFetcher);
        Assert.Equal(new SwarmCounts(0, 1, 0), await swarm.Counts(later, PeerTimeout));

        await swarm.Announce(Announce(seed, _paris, 0, later.AddSeconds(1)) with { Event = SwarmEvent.Completed });
        var newcomer = await swarm.Announce(Announce(Guid.NewGuid(), _paris, 100, later.AddSeconds(2)));

        Assert.False(newcomer.IsWanFetcher);

        // The fetcher learns at its own next announce that a site peer now holds the whole package.
        Assert.False((await swarm.Announce(Announce(successor, _paris, 50, later.AddSeconds(3)))).IsWanFetcher);
        var report = await swarm.Explain(_paris, later.AddSeconds(3), PeerTimeout);
        Assert.Empty(report.Fetchers);
        Assert.Contains(report.Peers, p => p.WanDecision.Contains("already holds the whole package", StringComparison.Ordinal));
        Assert.Contains(report.Peers, p => p.AgentId == successor && p.WanDecision.Contains("a peer of its site now holds the whole package", StringComparison.Ordinal));
        Assert.Equal(new SwarmCounts(1, 2, 1), await swarm.Counts(later.AddSeconds(3), PeerTimeout));
    }

    [Fact]
    public async Task An_ipv6_peer_is_handed_out_in_peers6()
    {
        var swarm = NewSwarm();
        var v6 = new IPEndPoint(IPAddress.Parse("fd00::15"), 6999);
        await swarm.Announce(Announce(Guid.NewGuid(), _paris, 0, Start) with { EndPoint = v6 });

        var answer = await swarm.Announce(Announce(Guid.NewGuid(), _paris, 100, Start.AddSeconds(1)));

        Assert.Empty(answer.Peers4);
        Assert.Equal(18, answer.Peers6.Length);
        Assert.Equal(v6.Address, new IPAddress(answer.Peers6.AsSpan(0, 16)));
        Assert.Equal(6999, (answer.Peers6[16] << 8) | answer.Peers6[17]);
    }

    private IPackageSwarmGrain NewSwarm() => fixture.Cluster.GrainFactory.GetGrain<IPackageSwarmGrain>(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000");

    private SwarmAnnounce Announce(Guid agent, Guid site, long left, DateTimeOffset now) => new(
        agent, site, new IPEndPoint(IPAddress.Parse($"127.0.3.{++_host}"), 6881), 0, 0, left, SwarmEvent.None, 50, now, PeerTimeout, 1, TimeSpan.FromMinutes(10), Origin);
}
