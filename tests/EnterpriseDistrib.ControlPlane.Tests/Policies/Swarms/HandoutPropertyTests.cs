using System.Collections.Immutable;
using System.Net;
using EnterpriseDistrib.ControlPlane.Policies.Swarms;

namespace EnterpriseDistrib.ControlPlane.Tests.Policies.Swarms;

/// <summary>
/// Properties of the hand-out policy and the fetcher election over many random swarms and announce sequences
/// (seeded, so a failure names a case that replays). FsCheck is not referenced by this project: the generators
/// are a few lines of <see cref="Random"/>.
/// </summary>
public sealed class HandoutPropertyTests
{
    private const int Cases = 300;
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromMinutes(12.5);
    private static readonly IPEndPoint Origin = new(IPAddress.Parse("127.0.0.1"), 7000);
    private static readonly Guid[] Sites = [.. Enumerable.Range(0, 5).Select(_ => Guid.NewGuid())];
    private static readonly SiteHierarchy Hierarchy = new([new(Sites[1], Sites[0]), new(Sites[2], Sites[0])]);

    [Fact]
    public void A_non_fetcher_never_receives_a_peer_of_another_site_or_the_origin()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var random = new Random(seed);
            var (requester, swarm) = RandomSwarm(random);
            var handout = HandoutPolicy.Choose(Request(requester, swarm, fetcher: false, random.Next(1, 80)), random);

            var bySite = swarm.ToDictionary(p => p.EndPoint, p => p.SiteId);
            Assert.All(handout.Peers, peer =>
            {
                Assert.NotEqual(HandoutSource.Origin, peer.Source);
                Assert.NotNull(requester.SiteId);
                Assert.Equal(requester.SiteId, bySite[peer.EndPoint]);
            });
        }
    }

    [Fact]
    public void Seeds_come_first_and_no_partial_peer_is_handed_out_while_a_live_site_seed_is_left_out()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var random = new Random(seed);
            var (requester, swarm) = RandomSwarm(random);
            var numWant = random.Next(1, 40);
            var handout = HandoutPolicy.Choose(Request(requester, swarm, fetcher: random.Next(2) == 0, numWant), random);

            var sources = handout.Peers.Select(p => p.Source).ToList();
            Assert.Equal(sources.OrderBy(s => s), sources);
            var liveSiteSeeds = swarm.Count(p => p.SiteId == requester.SiteId && requester.SiteId is not null && p.IsSeed && p.AgentId != requester.AgentId
                && Now - p.LastAnnounce <= PeerTimeout);
            var handedSeeds = sources.Count(s => s == HandoutSource.SameSiteSeed);
            Assert.Equal(Math.Min(liveSiteSeeds, numWant), handedSeeds);
            Assert.True(handout.Peers.Length <= numWant);
            Assert.Equal(handout.Peers.Length, handout.Peers.Select(p => p.EndPoint).Distinct().Count());
            Assert.DoesNotContain(handout.Peers, p => p.AgentId == requester.AgentId);
        }
    }

    [Fact]
    public void Never_more_than_k_fetchers_per_site_whatever_the_announce_order()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var random = new Random(seed);
            var settings = new WanFetcherSettings { MaxFetchersPerSite = random.Next(1, 4) }.Validated();
            var agents = Enumerable.Range(0, random.Next(1, 30)).Select(_ => Guid.NewGuid()).ToArray();
            var left = agents.ToDictionary(a => a, _ => 1_000L);
            var fetchers = ImmutableArray<WanFetcher>.Empty;
            var now = Now;
            for (var step = 0; step < 200; step++)
            {
                now += TimeSpan.FromSeconds(random.Next(0, 400));
                var agent = agents[random.Next(agents.Length)];
                left[agent] = Math.Max(0, left[agent] - random.Next(0, 3) * 100);
                var election = WanFetcherElection.OnAnnounce(fetchers, agent, left[agent], siteHasSeed: random.Next(10) == 0, now, settings);
                fetchers = election.Fetchers;

                Assert.True(fetchers.Length <= settings.MaxFetchersPerSite, $"case {seed} step {step}: {fetchers.Length} fetchers");
                Assert.Equal(fetchers.Length, fetchers.Select(f => f.AgentId).Distinct().Count());
                Assert.Equal(election.IsRequesterFetcher, fetchers.Any(f => f.AgentId == agent));
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_silent_or_stalled_fetcher_is_replaced_by_the_next_agent_to_announce(bool stalled)
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var random = new Random(seed);
            var settings = new WanFetcherSettings { MaxFetchersPerSite = 1 }.Validated();
            var fetcher = Guid.NewGuid();
            var fetchers = WanFetcherElection.OnAnnounce([], fetcher, 1_000, false, Now, settings).Fetchers;
            var now = Now;
            if (stalled)
            {
                // It keeps announcing, without its bytes left going down, past the progress timeout.
                while (now - Now <= settings.ProgressTimeout)
                {
                    now += TimeSpan.FromSeconds(random.Next(1, 240));
                    fetchers = WanFetcherElection.OnAnnounce(fetchers, fetcher, 1_000, false, now, settings).Fetchers;
                }
            }
            else
            {
                now += settings.AnnounceTimeout + TimeSpan.FromSeconds(random.Next(1, 3600));
            }

            var waiting = Guid.NewGuid();
            var election = WanFetcherElection.OnAnnounce(fetchers, waiting, 1_000, false, now, settings);

            Assert.True(election.IsRequesterFetcher, $"case {seed}: {election.Reason}");
            Assert.Equal(waiting, Assert.Single(election.Fetchers).AgentId);
        }
    }

    private static (SwarmPeer Requester, ImmutableArray<SwarmPeer> Swarm) RandomSwarm(Random random)
    {
        var peers = ImmutableArray.CreateBuilder<SwarmPeer>();
        var count = random.Next(0, 120);
        for (var i = 0; i < count; i++)
        {
            Guid? site = random.Next(8) == 0 ? null : Sites[random.Next(Sites.Length)];
            var silentFor = random.Next(5) == 0 ? TimeSpan.FromMinutes(random.Next(13, 60)) : TimeSpan.FromSeconds(random.Next(0, 600));
            peers.Add(new SwarmPeer(Guid.NewGuid(), site, new IPEndPoint(IPAddress.Parse($"127.{1 + (i / 250)}.{i % 250}.{1 + random.Next(250)}"), 6881 + i),
                random.Next(3) == 0 ? 0 : random.Next(1, 1000), Now - silentFor));
        }

        var requester = new SwarmPeer(Guid.NewGuid(), random.Next(6) == 0 ? null : Sites[random.Next(Sites.Length)], new IPEndPoint(IPAddress.Parse("127.9.9.9"), 1), 500, Now);
        if (random.Next(2) == 0)
        {
            peers.Add(requester);
        }

        return (requester, peers.ToImmutable());
    }

    private static HandoutRequest Request(SwarmPeer requester, ImmutableArray<SwarmPeer> swarm, bool fetcher, int numWant) =>
        new(requester, swarm, fetcher, [Origin], Hierarchy, numWant, Now, PeerTimeout);
}
