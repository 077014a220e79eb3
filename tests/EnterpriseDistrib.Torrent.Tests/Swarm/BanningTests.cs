using EnterpriseDistrib.Torrent.Pieces;
using EnterpriseDistrib.Torrent.Storage;
using EnterpriseDistrib.Torrent.Swarm;

namespace EnterpriseDistrib.Torrent.Tests.Swarm;

public sealed class BanningTests
{
    [Fact]
    public async Task A_peer_sending_corrupt_data_is_banned_and_the_download_still_completes_correctly()
    {
        await using var lab = await SwarmLab.CreateAsync(2 * 1024 * 1024, 64 * 1024, seed: 6);
        var corrupt = (byte[])lab.Content.Clone();
        for (var at = 1000; at < corrupt.Length; at += 64 * 1024)
        {
            corrupt[at] ^= 0xFF;
        }

        // A liar: its fast-resume data claims every piece, so it never re-checks the bad bytes.
        var liarFolder = lab.Folder("liar", corrupt);
        await using (var storage = new PieceStorage(lab.Metainfo.Layout, liarFolder))
        {
            var data = await storage.CheckpointAsync(lab.Metainfo.InfoHash, Bitfield.AllTrue(lab.Metainfo.Layout.PieceCount));
            await new FastResumeStore(Path.Combine(liarFolder, ".edist-resume")).SaveAsync(data);
        }

        var (liar, liarSession) = await lab.StartAsync(liarFolder);
        Assert.True(liarSession.CheckOutcome!.UsedResumeData);
        var leechFolder = lab.Folder("leech");
        var (_, leech) = await lab.StartAsync(leechFolder, peers: liar.ListenEndPoint!);

        await SwarmEngineTests.WaitUntilAsync(() => leech.BannedPeers.Count > 0);
        var (honest, _) = await lab.StartAsync(lab.Folder("honest", lab.Content));
        leech.AddPeer(honest.ListenEndPoint!);
        await leech.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal([liar.Settings.BindAddress], leech.BannedPeers);
        Assert.Equal(lab.Content, lab.Read(leechFolder));
        Assert.True(leech.Statistics.BytesWasted >= 2 * 64 * 1024);
        Assert.DoesNotContain(leech.Swarm!.Peers, p => p.Address.Equals(liar.Settings.BindAddress));
    }
}
