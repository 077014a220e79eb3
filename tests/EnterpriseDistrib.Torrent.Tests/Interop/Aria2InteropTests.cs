using System.Net;
using EnterpriseDistrib.Torrent.Swarm.Modes;
using EnterpriseDistrib.Torrent.Tests.Interop.Fixtures;

namespace EnterpriseDistrib.Torrent.Tests.Interop;

/// <summary>Our engine and aria2c in one private swarm through opentracker, each way round.</summary>
public sealed class Aria2InteropTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Our_engine_downloads_and_verifies_what_aria2c_seeds()
    {
        await using var tracker = await OpentrackerProcess.StartAsync();
        using var torrent = await SampleTorrent.CreateAsync(tracker.AnnounceUrl, 3 * 1024 * 1024 + 777, pieceLengthLog2: 16, seed: 31);
        await tracker.WhitelistAsync(torrent.InfoHash);
        await using var seed = Aria2Process.StartSeed(torrent.TorrentPath, torrent.ContentFolder, IPAddress.Parse("127.0.5.2"));
        await tracker.WaitForSeedersAsync(torrent.InfoHash, 1, Patience);

        var folder = Path.Combine(torrent.Root.FullName, "ours");
        await using var ours = await InteropSwarm.StartAsync(torrent, folder, IPAddress.Parse("127.0.5.3"));
        await ours.Session.Completion.WaitAsync(Patience);

        Assert.Equal(TorrentState.Seeding, ours.Session.State);
        Assert.Equal(torrent.Content, await File.ReadAllBytesAsync(Path.Combine(folder, torrent.Name)));
        Assert.Contains(ours.Session.Statistics.Peers, p => p.Address.Equals(IPAddress.Parse("127.0.5.2")) && p.BytesReceived > 0);
    }

    [Fact]
    public async Task Aria2c_downloads_from_our_engine_and_passes_its_own_hash_check()
    {
        await using var tracker = await OpentrackerProcess.StartAsync();
        using var torrent = await SampleTorrent.CreateAsync(tracker.AnnounceUrl, 3 * 1024 * 1024 + 555, pieceLengthLog2: 16, seed: 32);
        await tracker.WhitelistAsync(torrent.InfoHash);
        await using var ours = await InteropSwarm.StartAsync(torrent, torrent.ContentFolder, IPAddress.Parse("127.0.5.4"));
        Assert.Equal(TorrentState.Seeding, ours.Session.State);
        await tracker.WaitForSeedersAsync(torrent.InfoHash, 1, Patience);

        var leechFolder = Path.Combine(torrent.Root.FullName, "aria2");
        await using var leech = Aria2Process.StartDownload(torrent.TorrentPath, leechFolder, IPAddress.Parse("127.0.5.5"));
        await leech.WaitForSuccessAsync(Patience);

        Assert.Equal(torrent.Content, await File.ReadAllBytesAsync(Path.Combine(leechFolder, torrent.Name)));
        Assert.Contains(ours.Session.Statistics.Peers, p => p.Address.Equals(IPAddress.Parse("127.0.5.5")) && p.BytesSent >= torrent.Content.Length);
    }
}
