using System.Net;
using EnterpriseDistrib.Torrent.Swarm;
using EnterpriseDistrib.Torrent.Swarm.Modes;

namespace EnterpriseDistrib.Torrent.Tests.Swarm;

public sealed class SwarmEngineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task One_seed_delivers_the_content_to_one_leech_byte_for_byte()
    {
        await using var lab = await SwarmLab.CreateAsync(3 * 1024 * 1024 + 12345, 256 * 1024);
        var (seedEngine, seed) = await lab.StartAsync(lab.Folder("seed", lab.Content));
        var leechFolder = lab.Folder("leech");

        var (_, leech) = await lab.StartAsync(leechFolder, peers: seedEngine.ListenEndPoint!);
        await leech.Completion.WaitAsync(Patience);

        Assert.Equal(TorrentState.Seeding, seed.State);
        Assert.Equal(TorrentState.Seeding, leech.State);
        Assert.Equal(lab.Content, lab.Read(leechFolder));
        var fromSeed = Assert.Single(leech.Statistics.Peers);
        Assert.Equal(seedEngine.Settings.BindAddress, fromSeed.Address);
        Assert.True(fromSeed.BytesReceived >= lab.Content.Length);
    }

    [Fact]
    public async Task One_seed_serves_three_leeches_that_also_trade_among_themselves()
    {
        await using var lab = await SwarmLab.CreateAsync(2 * 1024 * 1024, 64 * 1024, seed: 2);
        var (seedEngine, _) = await lab.StartAsync(lab.Folder("seed", lab.Content));
        var folders = new[] { lab.Folder("a"), lab.Folder("b"), lab.Folder("c") };
        var leeches = new List<(SwarmEngine Engine, TorrentSession Session)>();
        foreach (var folder in folders)
        {
            leeches.Add(await lab.StartAsync(folder, peers: [seedEngine.ListenEndPoint!, .. leeches.Select(l => l.Engine.ListenEndPoint!)]));
        }

        await Task.WhenAll(leeches.Select(l => l.Session.Completion)).WaitAsync(Patience);

        foreach (var folder in folders)
        {
            Assert.Equal(lab.Content, lab.Read(folder));
        }
    }

    [Fact]
    public async Task Peers_holding_different_halves_complete_each_other_and_a_newcomer()
    {
        await using var lab = await SwarmLab.CreateAsync(2 * 1024 * 1024, 128 * 1024, seed: 3);
        var half = lab.Content.Length / 2;
        var firstHalf = (byte[])lab.Content.Clone();
        Array.Clear(firstHalf, half, firstHalf.Length - half);
        var secondHalf = (byte[])lab.Content.Clone();
        Array.Clear(secondHalf, 0, half);
        var (a, sessionA) = await lab.StartAsync(lab.Folder("a", firstHalf));
        var (b, sessionB) = await lab.StartAsync(lab.Folder("b", secondHalf), peers: a.ListenEndPoint!);
        var newcomerFolder = lab.Folder("c");

        Assert.Equal(TorrentState.Downloading, sessionA.State);
        Assert.Equal(8, sessionA.CheckOutcome!.Have.TrueCount);
        var (_, newcomer) = await lab.StartAsync(newcomerFolder, peers: [a.ListenEndPoint!, b.ListenEndPoint!]);
        await Task.WhenAll(sessionA.Completion, sessionB.Completion, newcomer.Completion).WaitAsync(Patience);

        Assert.Equal(lab.Content, lab.Read(lab.Folder("a")));
        Assert.Equal(lab.Content, lab.Read(lab.Folder("b")));
        Assert.Equal(lab.Content, lab.Read(newcomerFolder));
    }

    [Fact]
    public async Task A_leech_completes_from_the_remaining_seed_when_another_vanishes_mid_download()
    {
        await using var lab = await SwarmLab.CreateAsync(4 * 1024 * 1024, 256 * 1024, seed: 4);
        var slow = new TorrentOptions { UploadRateLimit = 1024 * 1024 };
        var (doomed, doomedSession) = await lab.StartAsync(lab.Folder("doomed", lab.Content), options: slow);
        var (survivor, _) = await lab.StartAsync(lab.Folder("survivor", lab.Content), options: slow);
        var leechFolder = lab.Folder("leech");
        var (_, leech) = await lab.StartAsync(leechFolder, peers: [doomed.ListenEndPoint!, survivor.ListenEndPoint!]);

        await WaitUntilAsync(() => leech.Statistics.Peers.Any(p => p.Address.Equals(doomed.Settings.BindAddress) && p.BytesReceived > 300 * 1024));
        await doomed.DisposeAsync();
        await leech.Completion.WaitAsync(Patience);

        Assert.Equal(TorrentState.Stopped, doomedSession.State);
        Assert.Equal(lab.Content, lab.Read(leechFolder));
    }

    [Fact]
    public async Task A_restarted_leech_resumes_from_its_fast_resume_data_without_fetching_verified_pieces_again()
    {
        await using var lab = await SwarmLab.CreateAsync(4 * 1024 * 1024, 128 * 1024, seed: 5);
        var (seedEngine, _) = await lab.StartAsync(lab.Folder("seed", lab.Content), options: new TorrentOptions { UploadRateLimit = 2 * 1024 * 1024 });
        var leechFolder = lab.Folder("leech");
        var leechSettings = lab.Settings();
        var first = new SwarmEngine(leechSettings);
        var session = await first.AddTorrentAsync(lab.Metainfo, leechFolder, new TorrentOptions { UseTrackers = false, Peers = [seedEngine.ListenEndPoint!] });
        await WaitUntilAsync(() => session.Progress.VerifiedPieces >= 10);
        await first.DisposeAsync();
        var savedPieces = session.Progress.VerifiedPieces;

        var (_, resumed) = await lab.StartAsync(leechFolder, leechSettings with { ListenPort = 0 }, peers: seedEngine.ListenEndPoint!);
        await resumed.Completion.WaitAsync(Patience);

        Assert.True(resumed.CheckOutcome!.UsedResumeData, resumed.CheckOutcome.ResumeRejectedBecause);
        Assert.True(resumed.CheckOutcome.Have.TrueCount >= 10);
        Assert.True(resumed.Statistics.BytesReceived <= lab.Content.Length - (10L * 128 * 1024) + (2L * 1024 * 1024), $"received {resumed.Statistics.BytesReceived} after resuming with {savedPieces} pieces");
        Assert.Equal(lab.Content, lab.Read(leechFolder));
    }

    [Fact]
    public async Task Seeding_only_refuses_content_that_does_not_verify_and_creates_nothing()
    {
        await using var lab = await SwarmLab.CreateAsync(512 * 1024, 64 * 1024, seed: 12);
        var damaged = (byte[])lab.Content.Clone();
        damaged[70_000] ^= 0x01;
        var folder = lab.Folder("damaged", damaged);
        var empty = lab.Folder("empty");

        var error = await Assert.ThrowsAsync<IncompleteContentException>(() => lab.StartAsync(folder, options: new TorrentOptions { SeedOnly = true }));
        await Assert.ThrowsAsync<IncompleteContentException>(() => lab.StartAsync(empty, options: new TorrentOptions { SeedOnly = true }));

        Assert.Equal(7, error.VerifiedPieces);
        Assert.Equal(8, error.PieceCount);
        Assert.False(File.Exists(Path.Combine(empty, lab.ContentName)));
    }

    [Fact]
    public async Task Settings_are_validated_once_when_the_engine_is_built()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SwarmEngine(new EngineSettings { PipelineDepth = 0 }));
        await using var engine = new SwarmEngine(new EngineSettings { BindAddress = IPAddress.Loopback });
        await engine.StartAsync();
        Assert.Equal(IPAddress.Loopback, engine.ListenEndPoint!.Address);
        Assert.NotEqual(0, engine.ListenEndPoint.Port);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        // Polls a cheap in-memory condition; the timeout makes a hang a failure, not a stuck run.
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
