using EnterpriseDistrib.Torrent.Tests.WebSeeds;

namespace EnterpriseDistrib.Torrent.Tests.Swarm;

public sealed class WebSeedingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_leech_without_peers_downloads_everything_from_the_web_seed()
    {
        var files = new Dictionary<string, byte[]>();
        await using var server = new RangeFileServer(files);
        await using var lab = await SwarmLab.CreateAsync(1024 * 1024 + 4321, 64 * 1024, seed: 21, webSeeds: [server.BaseUri.ToString()]);
        files["/" + lab.ContentName] = lab.Content;
        var folder = lab.Folder("leech");

        var (_, leech) = await lab.StartAsync(folder);
        await leech.Completion.WaitAsync(Patience);

        Assert.Equal(lab.Content, lab.Read(folder));
        var webSeed = Assert.Single(leech.Statistics.WebSeeds);
        Assert.StartsWith(server.BaseUri.ToString(), webSeed.Url, StringComparison.Ordinal);
        Assert.Equal(lab.Content.Length, webSeed.BytesReceived);
    }

    [Fact]
    public async Task The_web_seed_supplies_the_pieces_no_peer_has()
    {
        var files = new Dictionary<string, byte[]>();
        await using var server = new RangeFileServer(files);
        await using var lab = await SwarmLab.CreateAsync(2 * 1024 * 1024, 64 * 1024, seed: 22, webSeeds: [server.BaseUri.ToString()]);
        files["/" + lab.ContentName] = lab.Content;
        var half = lab.Content.Length / 2;
        var firstHalf = (byte[])lab.Content.Clone();
        Array.Clear(firstHalf, half, firstHalf.Length - half);

        // The partial peer itself completes from the web seed; the leech from both.
        var (partial, partialSession) = await lab.StartAsync(lab.Folder("partial", firstHalf));
        var folder = lab.Folder("leech");
        var (_, leech) = await lab.StartAsync(folder, peers: partial.ListenEndPoint!);
        await Task.WhenAll(leech.Completion, partialSession.Completion).WaitAsync(Patience);

        Assert.Equal(lab.Content, lab.Read(folder));
        Assert.True(partialSession.Statistics.WebSeeds.Single().BytesReceived >= lab.Content.Length - half);
        Assert.True(leech.Statistics.BytesReceived > 0);
    }

    [Fact]
    public async Task A_web_seed_serving_wrong_bytes_never_gets_a_piece_marked_complete()
    {
        var files = new Dictionary<string, byte[]>();
        await using var server = new RangeFileServer(files);
        await using var lab = await SwarmLab.CreateAsync(512 * 1024, 64 * 1024, seed: 23, webSeeds: [server.BaseUri.ToString()]);
        var wrong = (byte[])lab.Content.Clone();
        wrong[100] ^= 0xFF;
        files["/" + lab.ContentName] = wrong;
        var folder = lab.Folder("leech");
        var (_, leech) = await lab.StartAsync(folder);
        await SwarmEngineTests.WaitUntilAsync(() => leech.Statistics.BytesWasted > 0 && leech.Progress.VerifiedPieces == lab.Metainfo.Layout.PieceCount - 1);

        Assert.False(leech.Completion.IsCompleted);
        Assert.Equal(lab.Metainfo.Layout.PieceCount - 1, leech.Progress.VerifiedPieces);

        // An honest peer then supplies the piece the web seed got wrong.
        var (seed, _) = await lab.StartAsync(lab.Folder("seed", lab.Content));
        leech.AddPeer(seed.ListenEndPoint!);
        await leech.Completion.WaitAsync(Patience);
        Assert.Equal(lab.Content, lab.Read(folder));
    }
}
