using System.Collections.Immutable;
using EnterpriseDistrib.ControlPlane.Policies.Swarms;

namespace EnterpriseDistrib.ControlPlane.Tests.Policies.Swarms;

public sealed class WanFetcherElectionTests
{
    private const long PackageSize = 1_000_000;
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
    private static readonly WanFetcherSettings OneFetcher = new WanFetcherSettings().Validated();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_whole_office_announcing_at_once_elects_exactly_k_fetchers(int k)
    {
        var settings = OneFetcher with { MaxFetchersPerSite = k };
        var fetchers = ImmutableArray<WanFetcher>.Empty;
        var elected = 0;
        foreach (var agent in Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()))
        {
            var election = WanFetcherElection.OnAnnounce(fetchers, agent, PackageSize, siteHasSeed: false, Start, settings);
            fetchers = election.Fetchers;
            elected += election.IsRequesterFetcher ? 1 : 0;
        }

        Assert.Equal(k, elected);
        Assert.Equal(k, fetchers.Length);
    }

    [Fact]
    public void A_fetcher_keeps_its_role_while_it_announces_and_progresses()
    {
        var agent = Guid.NewGuid();
        var first = WanFetcherElection.OnAnnounce([], agent, PackageSize, false, Start, OneFetcher);

        var again = WanFetcherElection.OnAnnounce(first.Fetchers, agent, PackageSize / 2, false, Start.AddMinutes(2), OneFetcher);

        Assert.True(again.IsRequesterFetcher);
        var fetcher = Assert.Single(again.Fetchers);
        Assert.Equal(PackageSize / 2, fetcher.BytesLeft);
        Assert.Equal(Start.AddMinutes(2), fetcher.LastProgress);
    }

    [Fact]
    public void A_fetcher_that_stops_announcing_is_replaced_by_the_next_agent_after_the_timeout()
    {
        var gone = Guid.NewGuid();
        var next = Guid.NewGuid();
        var fetchers = WanFetcherElection.OnAnnounce([], gone, PackageSize, false, Start, OneFetcher).Fetchers;

        var tooEarly = WanFetcherElection.OnAnnounce(fetchers, next, PackageSize, false, Start + OneFetcher.AnnounceTimeout, OneFetcher);
        var later = WanFetcherElection.OnAnnounce(fetchers, next, PackageSize, false, Start + OneFetcher.AnnounceTimeout + TimeSpan.FromSeconds(1), OneFetcher);

        Assert.False(tooEarly.IsRequesterFetcher);
        Assert.True(later.IsRequesterFetcher);
        Assert.Equal(next, Assert.Single(later.Fetchers).AgentId);
        Assert.Contains("no announce for", Assert.Single(later.Replaced).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fetcher_that_announces_without_progress_is_dropped_and_replaced()
    {
        var stuck = Guid.NewGuid();
        var next = Guid.NewGuid();
        var fetchers = WanFetcherElection.OnAnnounce([], stuck, PackageSize, false, Start, OneFetcher).Fetchers;
        var stalledAt = Start + OneFetcher.ProgressTimeout + TimeSpan.FromMinutes(1);

        var stuckAgain = WanFetcherElection.OnAnnounce(fetchers, stuck, PackageSize, false, stalledAt, OneFetcher);
        var replacement = WanFetcherElection.OnAnnounce(stuckAgain.Fetchers, next, PackageSize, false, stalledAt, OneFetcher);

        Assert.False(stuckAgain.IsRequesterFetcher);
        Assert.Empty(stuckAgain.Fetchers);
        Assert.True(replacement.IsRequesterFetcher);
    }

    [Fact]
    public void Nobody_is_elected_while_a_site_peer_holds_the_whole_package()
    {
        var election = WanFetcherElection.OnAnnounce([], Guid.NewGuid(), PackageSize, siteHasSeed: true, Start, OneFetcher);

        Assert.False(election.IsRequesterFetcher);
        Assert.Empty(election.Fetchers);
        Assert.Equal("a peer of its site already holds the whole package", election.Reason);
    }

    [Fact]
    public void A_seed_is_never_elected()
    {
        var election = WanFetcherElection.OnAnnounce([], Guid.NewGuid(), bytesLeft: 0, false, Start, OneFetcher);

        Assert.False(election.IsRequesterFetcher);
        Assert.Empty(election.Fetchers);
    }

    [Fact]
    public void A_fetcher_that_finishes_hands_over_to_its_site_peers()
    {
        var agent = Guid.NewGuid();
        var fetchers = WanFetcherElection.OnAnnounce([], agent, PackageSize, false, Start, OneFetcher).Fetchers;

        var done = WanFetcherElection.OnAnnounce(fetchers, agent, 0, siteHasSeed: true, Start.AddMinutes(3), OneFetcher);

        Assert.False(done.IsRequesterFetcher);
        Assert.Empty(done.Fetchers);
    }

    [Fact]
    public void Settings_refuse_zero_fetchers()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (OneFetcher with { MaxFetchersPerSite = 0 }).Validated());
    }
}
