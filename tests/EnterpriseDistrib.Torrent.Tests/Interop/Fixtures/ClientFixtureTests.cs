using System.Net;

namespace EnterpriseDistrib.Torrent.Tests.Interop.Fixtures;

/// <summary>Proves the process fixtures work together before our engine joins them: real clients, real tracker, loopback.</summary>
public sealed class ClientFixtureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Aria2_downloads_from_an_aria2_seed_through_opentracker()
    {
        await using var tracker = await OpentrackerProcess.StartAsync();
        using var torrent = await SampleTorrent.CreateAsync(tracker.AnnounceUrl, 700_000, pieceLengthLog2: 16);
        await tracker.WhitelistAsync(torrent.InfoHash);
        await using var seed = Aria2Process.StartSeed(torrent.TorrentPath, torrent.ContentFolder, IPAddress.Parse("127.0.4.2"));
        await tracker.WaitForSeedersAsync(torrent.InfoHash, 1, Patience);

        var leechFolder = Path.Combine(torrent.Root.FullName, "leech");
        await using var leech = Aria2Process.StartDownload(torrent.TorrentPath, leechFolder, IPAddress.Parse("127.0.4.3"));
        await leech.WaitForSuccessAsync(Patience);

        Assert.Equal(torrent.Content, await File.ReadAllBytesAsync(Path.Combine(leechFolder, torrent.Name)));
    }

    [Fact]
    public async Task Aria2_downloads_from_a_transmission_seed_through_opentracker()
    {
        await using var tracker = await OpentrackerProcess.StartAsync();
        using var torrent = await SampleTorrent.CreateAsync(tracker.AnnounceUrl, 500_000, pieceLengthLog2: 15, seed: 2);
        await tracker.WhitelistAsync(torrent.InfoHash);
        await using var seed = await TransmissionProcess.StartAsync(torrent.TorrentPath, torrent.ContentFolder, IPAddress.Parse("127.0.4.4"));
        await tracker.WaitForSeedersAsync(torrent.InfoHash, 1, Patience);

        var leechFolder = Path.Combine(torrent.Root.FullName, "leech");
        await using var leech = Aria2Process.StartDownload(torrent.TorrentPath, leechFolder, IPAddress.Parse("127.0.4.5"));
        await leech.WaitForSuccessAsync(Patience);

        Assert.Equal(torrent.Content, await File.ReadAllBytesAsync(Path.Combine(leechFolder, torrent.Name)));
    }

    [Fact]
    public async Task A_fixture_process_is_killed_when_its_lifetime_runs_out()
    {
        var folder = Path.GetTempPath();
        await using var process = FixtureProcess.Start("sleep", ["600"], folder, TimeSpan.FromMilliseconds(300));

        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.NotEqual(0, code);
        Assert.Contains("lifetime", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fixture_process_that_overstays_its_wait_is_killed_and_reported_with_its_output()
    {
        await using var process = FixtureProcess.Start("sh", ["-c", "echo hello-from-child; exec sleep 600"], Path.GetTempPath(), TimeSpan.FromMinutes(1));
        await process.WaitForOutputAsync("hello-from-child", TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => process.WaitForExitAsync(TimeSpan.FromMilliseconds(200)));

        Assert.Contains("hello-from-child", error.Message, StringComparison.Ordinal);
        await process.Exited.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_free_port_can_be_bound_on_the_address_it_was_found_for()
    {
        var address = IPAddress.Parse("127.0.4.9");
        var port = LoopbackPorts.GetFreeTcpAndUdpPort(address);

        using var listener = new System.Net.Sockets.TcpListener(address, port);
        listener.Start();

        Assert.Equal(port, ((IPEndPoint)listener.LocalEndpoint).Port);
    }
}
