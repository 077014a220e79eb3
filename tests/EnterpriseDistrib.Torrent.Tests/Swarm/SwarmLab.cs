using System.Collections.Immutable;
using System.Net;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Swarm;

namespace EnterpriseDistrib.Torrent.Tests.Swarm;

/// <summary>
/// A loopback swarm for one test: random content with its torrent in a temp folder, and engines each on
/// its own 127.0.x.y address (a site apiece), all disposed and deleted at the end.
/// </summary>
internal sealed class SwarmLab : IAsyncDisposable
{
    private static int _nextSubnet;
    private readonly List<SwarmEngine> _engines = [];
    private readonly int _subnet;
    private int _nextHost = 1;

    private SwarmLab(string root, byte[] content, TorrentMetainfo metainfo)
    {
        Root = root;
        Content = content;
        Metainfo = metainfo;
        // Tests run in parallel classes: each lab takes its own 127.0.x.0/24 so bans by address never cross tests.
        _subnet = (Interlocked.Increment(ref _nextSubnet) % 250) + 1;
    }

    public string Root { get; }

    public byte[] Content { get; }

    public TorrentMetainfo Metainfo { get; }

    public string ContentName => Metainfo.Name;

    public static async Task<SwarmLab> CreateAsync(int length, int pieceLength, int seed = 1, IReadOnlyList<string>? webSeeds = null, IReadOnlyList<string>? trackers = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "edist-swarm-" + Guid.NewGuid().ToString("N"));
        var source = Path.Combine(root, "source");
        Directory.CreateDirectory(source);
        var content = new byte[length];
        new Random(seed).NextBytes(content);
        var file = Path.Combine(source, "package.bin");
        await File.WriteAllBytesAsync(file, content);
        var metainfo = await TorrentCreator.CreateAsync(file, new TorrentCreateOptions { PieceLength = pieceLength, IsPrivate = true, WebSeeds = webSeeds ?? [], Trackers = trackers ?? [] });
        return new SwarmLab(root, content, metainfo);
    }

    public EngineSettings Settings(EngineSettings? template = null) =>
        (template ?? new EngineSettings()) with { BindAddress = IPAddress.Parse($"127.0.{_subnet}.{_nextHost++}"), ListenPort = 0 };

    /// <summary>A folder holding <paramref name="content"/> (the full content when null) under the torrent's name.</summary>
    public string Folder(string name, byte[]? content = null)
    {
        var folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        if (content is not null)
        {
            File.WriteAllBytes(Path.Combine(folder, ContentName), content);
        }

        return folder;
    }

    public async Task<(SwarmEngine Engine, TorrentSession Session)> StartAsync(string folder, EngineSettings? settings = null, TorrentOptions? options = null, params IPEndPoint[] peers)
    {
        var engine = new SwarmEngine(settings ?? Settings());
        _engines.Add(engine);
        var session = await engine.AddTorrentAsync(
            Metainfo,
            folder,
            (options ?? new TorrentOptions()) with { UseTrackers = false, Peers = [.. (options?.Peers ?? []), .. peers] });
        return (engine, session);
    }

    /// <summary>An engine on the lab's next address, disposed with the lab; for tests that add torrents themselves.</summary>
    public SwarmEngine NewEngine(EngineSettings? settings = null)
    {
        var engine = new SwarmEngine(settings ?? Settings());
        _engines.Add(engine);
        return engine;
    }

    public byte[] Read(string folder) => File.ReadAllBytes(Path.Combine(folder, ContentName));

    public async ValueTask DisposeAsync()
    {
        foreach (var engine in _engines)
        {
            await engine.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
