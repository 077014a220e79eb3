using System.Net;
using System.Text.Json;
using EnterpriseDistrib.Agent.ServerApi;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Swarm;

namespace EnterpriseDistrib.Agent.Tests.Infrastructure;

/// <summary>What one test package holds: an <c>install.sh</c> and a payload of random bytes.</summary>
internal sealed record PackageContent(string Name, string Script, long PayloadBytes, int PieceLength = 256 * 1024);

/// <summary>A package made into a torrent and seeded; <see cref="VersionId"/> is what the scripted server serves it under.</summary>
internal sealed record SeededPackage(PackageContent Content, Guid VersionId, TorrentMetainfo Metainfo, byte[] Torrent);

/// <summary>
/// Packages as the origin would hold them: folders made into torrents, an opentracker for them, and a real
/// <see cref="SwarmEngine"/> seeding every one from 127.0.0.50 until disposed.
/// </summary>
internal sealed class PackageSwarm : IAsyncDisposable
{
    public static readonly IPAddress SeedAddress = IPAddress.Parse("127.0.0.50");

    private readonly SwarmEngine _seed;
    private readonly OpenTracker _tracker;

    private PackageSwarm(SwarmEngine seed, OpenTracker tracker, IReadOnlyList<SeededPackage> packages)
    {
        _seed = seed;
        _tracker = tracker;
        Packages = packages;
    }

    public IReadOnlyList<SeededPackage> Packages { get; }

    public Uri AnnounceUrl => _tracker.AnnounceUrl;

    public OpenTracker Tracker => _tracker;

    /// <summary>The addresses the seed sent bytes of a package to.</summary>
    public IReadOnlyList<string> UploadedTo(SeededPackage package) =>
        [.. _seed.Torrents.Single(t => t.Metainfo.InfoHash == package.Metainfo.InfoHash).Statistics.Peers.Where(p => p.BytesSent > 0).Select(p => p.Address.ToString())];

    /// <summary>Makes and seeds the packages; the torrents' own announce is a dead tracker, so only an assignment's announce URL finds the seed.</summary>
    public static async Task<PackageSwarm> StartAsync(string folder, params PackageContent[] contents)
    {
        var trackerPort = OpenTracker.FreePort();
        var packages = new List<SeededPackage>();
        foreach (var content in contents)
        {
            var root = Directory.CreateDirectory(Path.Combine(folder, content.Name)).FullName;
            await File.WriteAllTextAsync(Path.Combine(root, "install.sh"), content.Script);
            var payload = new byte[1024 * 1024];
            await using (var file = File.Create(Path.Combine(root, "payload.bin")))
            {
                for (long written = 0; written < content.PayloadBytes; written += payload.Length)
                {
                    Random.Shared.NextBytes(payload);
                    await file.WriteAsync(payload.AsMemory(0, (int)Math.Min(payload.Length, content.PayloadBytes - written)));
                }
            }

            var metainfo = await TorrentCreator.CreateAsync(root, new TorrentCreateOptions
            {
                PieceLength = content.PieceLength,
                Trackers = ["http://127.0.0.1:9/announce"],
            });
            packages.Add(new SeededPackage(content, Guid.NewGuid(), metainfo, MetainfoWriter.Write(metainfo)));
        }

        var tracker = await OpenTracker.StartAsync(trackerPort, packages.Select(p => p.Metainfo.InfoHash));
        var seed = new SwarmEngine(new EngineSettings { BindAddress = SeedAddress });
        foreach (var package in packages)
        {
            await seed.AddTorrentAsync(package.Metainfo, folder, new TorrentOptions { SeedOnly = true, AnnounceUrls = [tracker.AnnounceUrl], ResumeFolder = Path.Combine(folder, ".seed-resume") });
        }

        // The agent's first announce must find the seed: wait until the tracker lists it for every package.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        foreach (var package in packages)
        {
            while (await tracker.SeedsAsync(package.Metainfo.InfoHash) == 0)
            {
                await Task.Delay(50, timeout.Token);
            }
        }

        return new PackageSwarm(seed, tracker, packages);
    }

    /// <summary>The assignment JSON the server would send for a rollout of <paramref name="package"/>.</summary>
    public string Assignment(SeededPackage package, Guid rolloutId, object install) => JsonSerializer.Serialize(
        new
        {
            rolloutId,
            rolloutName = "rollout-" + package.Content.Name,
            packageId = Guid.NewGuid(),
            packageVersionId = package.VersionId,
            version = "1.0." + package.Content.Name.Length,
            infoHash = package.Metainfo.InfoHash.ToHex(),
            totalSize = package.Metainfo.Layout.TotalLength,
            install,
            deadline = (DateTimeOffset?)null,
            torrentUrl = $"/api/v1/agent/torrents/{package.VersionId}",
            announceUrl = AnnounceUrl,
        },
        AgentApiJson.Options);

    public async ValueTask DisposeAsync()
    {
        await _seed.DisposeAsync();
        _tracker.Dispose();
    }
}
