using EnterpriseDistrib.Benchmarks.Hashing;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Benchmarks.Swarm;

/// <summary>The content, its private torrent and the tracker that every swarm benchmark run shares.</summary>
internal sealed class SwarmFixture : IAsyncDisposable
{
    private readonly BenchTracker _tracker;

    private SwarmFixture(string folder, string torrentFile, TorrentMetainfo metainfo, string seedFolder, BenchTracker tracker)
    {
        Folder = folder;
        TorrentFile = torrentFile;
        Metainfo = metainfo;
        SeedFolder = seedFolder;
        _tracker = tracker;
    }

    public string Folder { get; }

    public string TorrentFile { get; }

    public TorrentMetainfo Metainfo { get; }

    public string SeedFolder { get; }

    public string ContentFile => Path.Combine(SeedFolder, Metainfo.Name);

    public static async Task<SwarmFixture> CreateAsync(string parentFolder, long size, int pieceLength, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.Combine(parentFolder, $"edist-bench-swarm-{Guid.NewGuid():N}")).FullName;
        var seedFolder = Directory.CreateDirectory(Path.Combine(folder, "seed")).FullName;
        var content = await TestData.WriteAsync(Path.Combine(seedFolder, "content.bin"), size, cancellationToken);

        // The tracker must exist before the torrent names it, and must whitelist the torrent: create
        // the torrent once to learn its info-hash (the announce URL is not part of the info dictionary).
        var probe = await TorrentCreator.CreateAsync(content, new TorrentCreateOptions { PieceLength = pieceLength, IsPrivate = true }, cancellationToken: cancellationToken);
        var tracker = await BenchTracker.StartAsync(folder, [probe.InfoHash.ToHex()], cancellationToken);
        var metainfo = await TorrentCreator.CreateAsync(
            content, new TorrentCreateOptions { PieceLength = pieceLength, IsPrivate = true, Trackers = [tracker.AnnounceUrl] }, cancellationToken: cancellationToken);
        var torrentFile = Path.Combine(folder, "content.torrent");
        await File.WriteAllBytesAsync(torrentFile, metainfo.TorrentBytes.ToArray(), cancellationToken);
        await TestData.WarmPageCacheAsync(content, cancellationToken);
        return new SwarmFixture(folder, torrentFile, metainfo, seedFolder, tracker);
    }

    public SwarmRun NewRun() => new(Folder, TorrentFile, Metainfo, SeedFolder);

    public async ValueTask DisposeAsync()
    {
        await _tracker.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
