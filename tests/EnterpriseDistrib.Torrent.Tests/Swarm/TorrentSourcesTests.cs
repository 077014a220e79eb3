using System.Text;
using EnterpriseDistrib.Torrent.Swarm;
using EnterpriseDistrib.Torrent.Tests.Net;
using EnterpriseDistrib.Torrent.Tests.WebSeeds;
using EnterpriseDistrib.Torrent.Tracker;

namespace EnterpriseDistrib.Torrent.Tests.Swarm;

/// <summary>Where a torrent finds sources: the announce URLs it was given and the web seeds the tracker hands it.</summary>
public sealed class TorrentSourcesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Announce_urls_given_in_the_options_replace_the_torrents_own_trackers()
    {
        await using var own = new LoopbackHttpServer((_, stream, ct) => LoopbackHttpServer.WriteAsync(stream, 200, Answer(), ct));
        await using var agents = new LoopbackHttpServer((_, stream, ct) => LoopbackHttpServer.WriteAsync(stream, 200, Answer(), ct));
        await using var lab = await SwarmLab.CreateAsync(256 * 1024, 64 * 1024, seed: 31, trackers: [new Uri(own.BaseUri, "announce").ToString()]);
        var engine = lab.NewEngine();
        var passkeyUrl = new Uri(agents.BaseUri, "announce/passkey-31");

        var session = await engine.AddTorrentAsync(lab.Metainfo, lab.Folder("leech"), new TorrentOptions { AnnounceUrls = [passkeyUrl] });
        var announce = await agents.NextRequestAsync();
        await SwarmEngineTests.WaitUntilAsync(() => session.TrackerStatus?.LastSuccess is not null);

        Assert.Equal("/announce/passkey-31", announce.Path);
        Assert.Equal("started", announce.RawQueryValue("event"));
        Assert.Equal(engine.Settings.BindAddress, announce.RemoteEndPoint.Address);
        Assert.Equal(passkeyUrl, session.TrackerStatus!.Tracker);
        Assert.False(own.Requests.TryRead(out _));
    }

    [Fact]
    public async Task A_web_seed_handed_by_the_tracker_supplies_a_leech_that_has_no_peers()
    {
        var files = new Dictionary<string, byte[]>();
        await using var webSeed = new RangeFileServer(files);
        await using var tracker = new LoopbackHttpServer((_, stream, ct) => LoopbackHttpServer.WriteAsync(stream, 200, Answer(webSeed.BaseUri), ct));
        await using var lab = await SwarmLab.CreateAsync(1024 * 1024 + 77, 64 * 1024, seed: 32);
        files["/" + lab.ContentName] = lab.Content;
        var folder = lab.Folder("leech");

        var session = await lab.NewEngine().AddTorrentAsync(lab.Metainfo, folder, new TorrentOptions { AnnounceUrls = [new Uri(tracker.BaseUri, "announce/k")] });
        await session.Completion.WaitAsync(Patience);

        Assert.Equal(lab.Content, lab.Read(folder));
        var used = Assert.Single(session.Statistics.WebSeeds);
        Assert.StartsWith(webSeed.BaseUri.ToString(), used.Url, StringComparison.Ordinal);
        Assert.Equal(lab.Content.Length, used.BytesReceived);
    }

    [Fact]
    public async Task The_torrent_stops_using_a_tracker_handed_web_seed_once_the_tracker_no_longer_hands_it()
    {
        var files = new Dictionary<string, byte[]>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var webSeed = new RangeFileServer(files, beforeResponding: ct => release.Task.WaitAsync(ct));
        var handSeed = 1;
        await using var tracker = new LoopbackHttpServer((_, stream, ct) =>
            LoopbackHttpServer.WriteAsync(stream, 200, Volatile.Read(ref handSeed) == 1 ? Answer(0, webSeed.BaseUri) : Answer(0), ct));
        await using var lab = await SwarmLab.CreateAsync(2 * 1024 * 1024, 64 * 1024, seed: 33);
        files["/" + lab.ContentName] = lab.Content;
        var folder = lab.Folder("leech");
        var options = new TorrentOptions
        {
            AnnounceUrls = [new Uri(tracker.BaseUri, "announce/k")],
            AnnouncerOptions = new TrackerAnnouncerOptions { MinimumInterval = TimeSpan.FromMilliseconds(50) },
        };

        var session = await lab.NewEngine().AddTorrentAsync(lab.Metainfo, folder, options);
        await webSeed.Http.NextRequestAsync();
        Assert.Contains(webSeed.BaseUri, session.WebSeeds);
        Volatile.Write(ref handSeed, 0);
        await SwarmEngineTests.WaitUntilAsync(() => session.WebSeeds.Count == 0);
        var askedBeforeWithdrawal = 1 + webSeed.TakeRequests().Count;

        // The reads already running finish; with the seed withdrawn nothing asks it again, and an honest peer
        // supplies the rest.
        release.SetResult();
        var (seed, _) = await lab.StartAsync(lab.Folder("seed", lab.Content));
        session.AddPeer(seed.ListenEndPoint!);
        await session.Completion.WaitAsync(Patience);

        Assert.Equal(lab.Content, lab.Read(folder));
        Assert.Empty(webSeed.TakeRequests());
        Assert.InRange(askedBeforeWithdrawal, 1, 2);
        Assert.Null(session.TrackerStatus!.WebSeedsWarning);
    }

    private static byte[] Answer(params Uri[] webSeeds) => Answer(1800, webSeeds);

    private static byte[] Answer(int interval, params Uri[] webSeeds)
    {
        var seeds = string.Concat(webSeeds.Select(u => u.ToString()).Select(u => $"{Encoding.UTF8.GetByteCount(u)}:{u}"));
        var extra = webSeeds.Length == 0 ? string.Empty : $"17:x-edist-web-seedsl{seeds}e";
        return Encoding.Latin1.GetBytes($"d8:intervali{interval}e5:peers0:{extra}e");
    }
}
