using System.Net;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Net;
using EnterpriseDistrib.Torrent.Tests.Interop.Fixtures;
using EnterpriseDistrib.Torrent.Tracker;

namespace EnterpriseDistrib.Torrent.Tests.Tracker;

/// <summary>Our tracker client against a real opentracker on loopback.</summary>
public sealed class OpentrackerTests
{
    private static readonly InfoHash Torrent = InfoHash.ParseHex("5eed5eed5eed5eed5eed5eed5eed5eed5eed0001");

    private static byte[] PeerId(char c) => [.. "-ED0001-"u8, .. System.Text.Encoding.ASCII.GetBytes(new string(c, 12))];

    [Fact]
    public async Task A_second_peer_is_handed_the_first_by_its_bound_address()
    {
        await using var tracker = await OpentrackerProcess.StartAsync([Torrent]);
        using var seedHttp = BoundHttpClientFactory.CreateClient(IPAddress.Parse("127.0.0.23"));
        using var leechHttp = BoundHttpClientFactory.CreateClient(IPAddress.Parse("127.0.0.24"));
        var seed = new HttpTrackerClient(seedHttp);
        var leech = new HttpTrackerClient(leechHttp);

        var first = await seed.AnnounceAsync(tracker.AnnounceUrl, new AnnounceRequest(Torrent, PeerId('s'), 7001) { Event = AnnounceEvent.Started, Left = 0 }, CancellationToken.None);
        var second = await leech.AnnounceAsync(tracker.AnnounceUrl, new AnnounceRequest(Torrent, PeerId('l'), 7002) { Event = AnnounceEvent.Started, Left = 100 }, CancellationToken.None);

        // opentracker hands each peer back its own address too: the engine must skip itself.
        Assert.Equal(["127.0.0.23:7001"], first.Peers.Select(p => p.ToString()));
        Assert.Contains(IPEndPoint.Parse("127.0.0.23:7001"), second.Peers);
        Assert.Contains(IPEndPoint.Parse("127.0.0.24:7002"), second.Peers);
        Assert.Equal(1, second.Complete);
        Assert.Equal(1, second.Incomplete);
        Assert.True(second.Interval > TimeSpan.Zero);
        Assert.NotNull(second.MinInterval);
    }

    [Fact]
    public async Task A_stopped_peer_is_no_longer_handed_out()
    {
        await using var tracker = await OpentrackerProcess.StartAsync([Torrent]);
        using var http = BoundHttpClientFactory.CreateClient(IPAddress.Parse("127.0.0.25"));
        var client = new HttpTrackerClient(http);
        await client.AnnounceAsync(tracker.AnnounceUrl, new AnnounceRequest(Torrent, PeerId('a'), 7003) { Event = AnnounceEvent.Started }, CancellationToken.None);

        await client.AnnounceAsync(tracker.AnnounceUrl, new AnnounceRequest(Torrent, PeerId('a'), 7003) { Event = AnnounceEvent.Stopped }, CancellationToken.None);
        var other = await tracker.Client.AnnounceAsync(tracker.AnnounceUrl, new AnnounceRequest(Torrent, PeerId('b'), 7004), CancellationToken.None);

        Assert.DoesNotContain(IPEndPoint.Parse("127.0.0.25:7003"), other.Peers);
        Assert.Contains(IPEndPoint.Parse("127.0.0.1:7004"), other.Peers);
    }

    [Fact]
    public async Task A_torrent_not_on_the_whitelist_is_refused_until_it_is_added()
    {
        var unlisted = InfoHash.ParseHex("0badc0de0badc0de0badc0de0badc0de0badc0de");
        await using var tracker = await OpentrackerProcess.StartAsync([Torrent]);

        var refusal = await Assert.ThrowsAsync<TrackerFailureException>(() => tracker.Client.AnnounceAsync(
            tracker.AnnounceUrl, new AnnounceRequest(unlisted, PeerId('c'), 7005) { Event = AnnounceEvent.Started }, CancellationToken.None));
        await tracker.WhitelistAsync(unlisted);
        var accepted = await tracker.Client.AnnounceAsync(
            tracker.AnnounceUrl, new AnnounceRequest(unlisted, PeerId('c'), 7005) { Event = AnnounceEvent.Started }, CancellationToken.None);

        Assert.Contains("not authorized", refusal.FailureReason, StringComparison.Ordinal);
        Assert.True(accepted.Interval > TimeSpan.Zero);
    }

    [Fact]
    public async Task Scrape_counts_seeds_and_leeches_per_torrent()
    {
        await using var tracker = await OpentrackerProcess.StartAsync([Torrent]);
        await tracker.Client.AnnounceAsync(tracker.AnnounceUrl, new AnnounceRequest(Torrent, PeerId('d'), 7006) { Event = AnnounceEvent.Started, Left = 0 }, CancellationToken.None);
        await tracker.Client.AnnounceAsync(tracker.AnnounceUrl, new AnnounceRequest(Torrent, PeerId('e'), 7007) { Event = AnnounceEvent.Started, Left = 5 }, CancellationToken.None);

        var statistics = await tracker.ScrapeAsync(Torrent);

        Assert.Equal(1, statistics.Complete);
        Assert.Equal(1, statistics.Incomplete);
    }

    [Fact]
    public async Task The_announcer_keeps_a_real_tracker_informed_from_started_to_stopped()
    {
        await using var tracker = await OpentrackerProcess.StartAsync([Torrent]);
        using var http = BoundHttpClientFactory.CreateClient(IPAddress.Parse("127.0.0.26"));
        var left = 1000L;
        var announcer = new TrackerAnnouncer(
            new HttpTrackerClient(http),
            new AnnounceTarget([[tracker.AnnounceUrl]], Torrent, PeerId('f'), 7008),
            () => new TransferTotals(0, 1000 - Interlocked.Read(ref left), Interlocked.Read(ref left)));
        await using (announcer)
        {
            announcer.Start();
            try
            {
                await tracker.WaitUntilAsync(async () => (await tracker.ScrapeAsync(Torrent)).Incomplete == 1, "the leech");
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"{ex.Message}\nAnnouncer: {announcer.Status}", ex);
            }


            Interlocked.Exchange(ref left, 0);
            announcer.NotifyCompleted();
            await tracker.WaitUntilAsync(async () => (await tracker.ScrapeAsync(Torrent)) is { Complete: 1, Incomplete: 0, Downloaded: 1 }, "the completed announce");
        }

        Assert.Equal(new ScrapeStatistics(0, 1, 0), await tracker.ScrapeAsync(Torrent));
    }
}
