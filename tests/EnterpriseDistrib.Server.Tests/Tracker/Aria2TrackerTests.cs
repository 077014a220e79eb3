using System.Diagnostics;
using System.Net;
using System.Text;
using EnterpriseDistrib.Server.Tests.Infrastructure;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Swarm;

namespace EnterpriseDistrib.Server.Tests.Tracker;

/// <summary>A real BitTorrent client finds the origin only through our tracker's passkey URL and downloads from it.</summary>
[Collection(TrackerCollection.Name)]
public sealed class Aria2TrackerTests(TrackerHarness harness)
{
    [Fact]
    public async Task Aria2c_announcing_through_its_passkey_url_downloads_from_the_origin_it_learned_of_from_the_tracker()
    {
        var root = Directory.CreateTempSubdirectory("edist-tracker-aria2-").FullName;
        try
        {
            using var admin = harness.Admin();
            var seed = new ApiSeed(admin);
            var site = await seed.SiteAsync("127.0.201.0/24");
            var group = await seed.GroupAsync(site);
            using var anonymous = harness.Anonymous();
            var (agentId, _) = await seed.AgentAsync(anonymous, site);
            var announceUrl = new Uri(harness.BaseAddress, $"announce/{harness.Passkeys.Issue(agentId)}").ToString();

            var originFolder = Directory.CreateDirectory(Path.Combine(root, "origin")).FullName;
            var content = new byte[3 * 1024 * 1024 + 12345];
            new Random(5).NextBytes(content);
            var file = Path.Combine(originFolder, "tool.msi");
            await File.WriteAllBytesAsync(file, content);
            var metainfo = await TorrentCreator.CreateAsync(file, new TorrentCreateOptions { PieceLength = 256 * 1024, IsPrivate = true, Trackers = [announceUrl] });
            var torrentBytes = MetainfoWriter.Write(metainfo);
            var torrentPath = Path.Combine(root, "tool.torrent");
            await File.WriteAllBytesAsync(torrentPath, torrentBytes);

            var packageId = await seed.PackageAsync();
            var version = await (await admin.PostJsonAsync($"/api/v1/packages/{packageId}/versions", new
            {
                version = "1.0",
                torrentBase64 = Convert.ToBase64String(torrentBytes),
                install = new { kind = "Msi", command = "msiexec.exe", arguments = "/i tool.msi /qn" },
            })).ExpectAsync(HttpStatusCode.Created);
            var versionId = Guid.Parse(version.GetProperty("id").GetString()!);
            await TrackerScenario.MakeAvailableAsync(harness, versionId);
            await (await admin.PostJsonAsync("/api/v1/rollouts", ApiSeed.RolloutBody(versionId, group, DateTimeOffset.UtcNow.AddHours(-1)))).ExpectAsync(HttpStatusCode.Created);

            await using var origin = new SwarmEngine(new EngineSettings { BindAddress = IPAddress.Parse("127.0.202.1"), ListenPort = 0 });
            await origin.StartAsync();
            var session = await origin.AddTorrentAsync(metainfo, originFolder, new TorrentOptions { UseTrackers = false, SeedOnly = true });
            await Eventually.WaitForAsync(() => Task.FromResult(session.State), state => state == Torrent.Swarm.Modes.TorrentState.Seeding,
                TimeSpan.FromSeconds(30), "the origin to verify its content and seed");
            harness.Origin.PeerEndpoint = origin.ListenEndPoint;
            harness.Origin.Seed(metainfo.InfoHash);

            // The tracker sees the rollout within its 200 ms refresh; until then aria2c's first announce may be refused
            // and aria2c retries at its own pace, so wait for the assignment before starting it.
            var scenarioProbe = await WaitUntilAssignedAsync(announceUrl, metainfo.InfoHash);
            Assert.True(scenarioProbe);

            var downloads = Directory.CreateDirectory(Path.Combine(root, "aria2")).FullName;
            var (exitCode, output) = await RunAria2Async(torrentPath, downloads, "127.0.201.9", TimeSpan.FromMinutes(2));

            Assert.True(exitCode == 0, $"aria2c exited with {exitCode}:\n{output}");
            Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(downloads, "tool.msi")));
            Assert.True(session.Statistics.BytesSent >= content.Length, $"The origin sent {session.Statistics.BytesSent} bytes.");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private async Task<bool> WaitUntilAssignedAsync(string announceUrl, InfoHash infoHash)
    {
        // A stopped announce from a throwaway peer: accepted once assigned, and it leaves no trace in the swarm.
        using var client = BoundHttpClient.Create(harness.BaseAddress, IPAddress.Parse("127.0.201.8"));
        var query = $"info_hash={TrackerScenario.Encode(infoHash.ToArray())}&peer_id={TrackerScenario.Encode(TrackerScenario.NewPeerId())}&port=1&left=1&event=stopped";
        var body = await Eventually.WaitForAsync(
            () => client.GetByteArrayAsync(new Uri($"{announceUrl}?{query}")),
            answer => !Encoding.ASCII.GetString(answer).Contains("failure reason", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the tracker to see the rollout");
        return body.Length > 0;
    }

    private static async Task<(int ExitCode, string Output)> RunAria2Async(string torrentPath, string folder, string bindAddress, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("aria2c") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            $"--interface={bindAddress}", "--listen-port=6881-6999", "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false",
            "--enable-peer-exchange=false", "--disable-ipv6=true", "--seed-time=0", "--file-allocation=none", "--summary-interval=0",
            "--console-log-level=warn", "--enable-color=false", "--bt-tracker-connect-timeout=5", "--bt-tracker-timeout=10",
            $"--stop-with-process={Environment.ProcessId}", $"--dir={folder}", torrentPath,
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"timed out after {timeout.TotalSeconds} s\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
