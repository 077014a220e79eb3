using System.Net;
using EnterpriseDistrib.ControlPlane.Policies.Swarms;

namespace EnterpriseDistrib.ControlPlane.Tests.Policies.Swarms;

public sealed class SwarmIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid[] Sites = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

    [Fact]
    public void Random_upserts_and_removals_keep_every_bucket_equal_to_a_plain_dictionary()
    {
        var random = new Random(11);
        var index = new SwarmIndex();
        var reference = new Dictionary<Guid, SwarmPeer>();
        var agents = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid()).ToArray();
        for (var step = 0; step < 5_000; step++)
        {
            var agent = agents[random.Next(agents.Length)];
            if (random.Next(4) == 0)
            {
                Assert.Equal(reference.Remove(agent), index.Remove(agent));
            }
            else
            {
                Guid? site = random.Next(5) == 0 ? null : Sites[random.Next(Sites.Length)];
                var peer = new SwarmPeer(agent, site, new IPEndPoint(IPAddress.Loopback, random.Next(1, 65535)), random.Next(3) == 0 ? 0 : 10, Now);
                reference[agent] = peer;
                index.Upsert(peer);
            }

            Assert.Equal(reference.Count, index.Count);
            Assert.Equal(reference.Values.Count(p => p.IsSeed), index.SeedCount);
            foreach (var site in Sites.Cast<Guid?>().Append(null))
            {
                Assert.Equal(
                    reference.Values.Where(p => p.SiteId == site && p.IsSeed).OrderBy(p => p.AgentId),
                    index.At(site, seeds: true).OrderBy(p => p.AgentId));
                Assert.Equal(
                    reference.Values.Where(p => p.SiteId == site && !p.IsSeed).OrderBy(p => p.AgentId),
                    index.At(site, seeds: false).OrderBy(p => p.AgentId));
            }
        }
    }

    [Theory]
    [InlineData(5, 10)]
    [InlineData(1_000, 10)]
    [InlineData(1_000, 0)]
    public void Sample_draws_distinct_accepted_peers_up_to_the_count(int poolSize, int count)
    {
        var pool = Enumerable.Range(0, poolSize)
            .Select(i => new SwarmPeer(Guid.NewGuid(), null, new IPEndPoint(IPAddress.Loopback, i + 1), i % 2, Now)).ToList();
        var into = new List<SwarmPeer>();

        var added = SwarmIndex.Sample(pool, count, new Random(3), peer => peer.IsSeed, into);

        Assert.Equal(Math.Min(count, poolSize / 2 + (poolSize % 2)), added);
        Assert.All(into, peer => Assert.True(peer.IsSeed));
        Assert.Equal(into.Count, into.Distinct().Count());
    }

    [Fact]
    public void Sample_gives_up_after_bounded_probes_when_the_pool_refuses_everyone()
    {
        var pool = Enumerable.Range(0, 100_000).Select(i => new SwarmPeer(Guid.NewGuid(), null, new IPEndPoint(IPAddress.Loopback, 1), 5, Now)).ToList();
        var into = new List<SwarmPeer>();

        Assert.Equal(0, SwarmIndex.Sample(pool, 50, new Random(1), _ => false, into));
        Assert.Empty(into);
    }
}
