using System.Net;
using EnterpriseDistrib.Torrent.Swarm.Modes;
using EnterpriseDistrib.Torrent.Tests.Interop.Fixtures;

namespace EnterpriseDistrib.Torrent.Tests.Interop;

/// <summary>Our engine and Transmission 3 (transmission-cli) in one private swarm through opentracker, each way round.</summary>
public sealed class TransmissionInteropTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Our_engine_downloads_and_verifies_what_transmission_seeds()
    {
        await using var tracker = await OpentrackerProcess.StartAsync();
        using var torrent = await SampleTorrent.CreateAsync(tracker.AnnounceUrl, 2 * 1024 * 1024 + 333, pieceLengthLog2: 15, seed: 41);
        await tracker.WhitelistAsync(torrent.InfoHash);
        await using var seed = await TransmissionProcess.StartAsync(torrent.TorrentPath, torrent.ContentFolder, IPAddress.Parse("127.0.5.12"));
        await tracker.WaitForSeedersAsync(torrent.InfoHash, 1, Patience);

        var folder = Path.Combine(torrent.Root.FullName, "ours");
        await using var ours = await InteropSwarm.StartAsync(torrent, folder, IPAddress.Parse("127.0.5.13"));
        await ours.Session.Completion.WaitAsync(Patience);

        Assert.Equal(TorrentState.Seeding, ours.Session.State);
        Assert.Equal(torrent.Content, await File.ReadAllBytesAsync(Path.Combine(folder, torrent.Name)));
        Assert.Contains(ours.Session.Statistics.Peers, p => p.Address.Equals(IPAddress.Parse("127.0.5.12")) && p.BytesReceived > 0);
    }

    [Fact]
    public async Task Transmission_downloads_from_our_engine_and_completes_its_own_verification()
    {
        await using var tracker = await OpentrackerProcess.StartAsync();
        using var torrent = await SampleTorrent.CreateAsync(tracker.AnnounceUrl, 2 * 1024 * 1024 + 111, pieceLengthLog2: 15, seed: 42);
        await tracker.WhitelistAsync(torrent.InfoHash);
        await using var ours = await InteropSwarm.StartAsync(torrent, torrent.ContentFolder, IPAddress.Parse("127.0.5.14"));
        await tracker.WaitForSeedersAsync(torrent.InfoHash, 1, Patience);

        var leechFolder = Path.Combine(torrent.Root.FullName, "transmission");
        await using var leech = await TransmissionProcess.StartAsync(torrent.TorrentPath, leechFolder, IPAddress.Parse("127.0.5.15"));

        // Transmission never dials loopback peers (it calls them "martian"), so our seed connects to it,
        // as it would to any leech the tracker lists at its next announce.
        ours.Session.AddPeer(leech.PeerEndPoint);
        await leech.WaitForCompletionAsync(Patience);

        Assert.Equal(torrent.Content, await File.ReadAllBytesAsync(Path.Combine(leechFolder, torrent.Name)));
        Assert.Contains(ours.Session.Statistics.Peers, p => p.Address.Equals(IPAddress.Parse("127.0.5.15")) && p.BytesSent >= torrent.Content.Length);
    }
}
