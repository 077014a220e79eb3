using EnterpriseDistrib.Torrent.Swarm;

namespace EnterpriseDistrib.Torrent.Tests.Swarm;

/// <summary>Rate limits changed while a torrent runs take effect on the transfers already going.</summary>
public sealed class RateLimitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Lifting_a_seeds_upload_limit_at_run_time_lets_a_throttled_download_finish()
    {
        // At 32 KiB/s the 8 MiB would take over four minutes, far past the patience: only the lifted limit finishes it.
        await using var lab = await SwarmLab.CreateAsync(8 * 1024 * 1024, 256 * 1024, seed: 41);
        var (seedEngine, seed) = await lab.StartAsync(lab.Folder("seed", lab.Content), options: new TorrentOptions { UploadRateLimit = 32 * 1024 });
        var folder = lab.Folder("leech");
        var (_, leech) = await lab.StartAsync(folder, peers: seedEngine.ListenEndPoint!);
        await SwarmEngineTests.WaitUntilAsync(() => leech.Statistics.BytesReceived > 0);
        Assert.False(leech.Completion.IsCompleted);

        seed.SetRateLimits(downloadBytesPerSecond: 0, uploadBytesPerSecond: 0);
        await leech.Completion.WaitAsync(Patience);

        Assert.Equal(lab.Content, lab.Read(folder));
    }

    [Fact]
    public async Task Lifting_a_leechs_download_limit_at_run_time_lets_it_finish()
    {
        await using var lab = await SwarmLab.CreateAsync(8 * 1024 * 1024, 256 * 1024, seed: 42);
        var (seedEngine, _) = await lab.StartAsync(lab.Folder("seed", lab.Content));
        var folder = lab.Folder("leech");
        var (_, leech) = await lab.StartAsync(folder, options: new TorrentOptions { DownloadRateLimit = 32 * 1024 }, peers: seedEngine.ListenEndPoint!);
        await SwarmEngineTests.WaitUntilAsync(() => leech.Statistics.BytesReceived > 0);
        Assert.False(leech.Completion.IsCompleted);

        leech.SetRateLimits(downloadBytesPerSecond: 0, uploadBytesPerSecond: 0);
        await leech.Completion.WaitAsync(Patience);

        Assert.Equal(lab.Content, lab.Read(folder));
    }
}
