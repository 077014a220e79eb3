using System.Net;
using EnterpriseDistrib.Agent.Bandwidth;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Swarm;

namespace EnterpriseDistrib.Agent.Downloads;

/// <summary>
/// The agent's one <see cref="SwarmEngine"/>: its listener and every outgoing connection (peers, announces, web seeds)
/// leave from the agent's bind address; packages are added once by info-hash and keep seeding until removed.
/// </summary>
public sealed class SwarmHost : IAsyncDisposable
{
    private readonly SwarmEngine _engine;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SwarmHost(IPAddress? bindAddress, int peerPort, BandwidthCaps caps, TimeSpan? fastResumeInterval = null)
    {
        var settings = new EngineSettings
        {
            BindAddress = bindAddress ?? IPAddress.Any,
            ListenPort = peerPort,
            ClientName = "edist-agent",
            DownloadRateLimit = caps.Download,
            UploadRateLimit = caps.Upload,
        };
        _engine = new SwarmEngine(fastResumeInterval is { } interval ? settings with { FastResumeInterval = interval } : settings);
    }

    /// <summary>Where site peers reach this agent (after the first package is opened or <see cref="StartAsync"/>).</summary>
    public IPEndPoint? ListenEndPoint => _engine.ListenEndPoint;

    public Task StartAsync() => _engine.StartAsync();

    /// <summary>
    /// The package's torrent, added if it is not in the engine yet: checked against what is on disk (fast-resume, then
    /// hashing), then downloading or seeding. A non-null <paramref name="announceUrl"/> replaces the torrent's trackers.
    /// </summary>
    public async Task<TorrentSession> OpenAsync(TorrentMetainfo metainfo, string folder, Uri? announceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metainfo);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Find(metainfo.InfoHash) is { } open)
            {
                return open;
            }

            // The passkey URL replaces the torrent's own trackers: the tracker knows this agent (and its site) by it.
            var options = announceUrl is null ? new TorrentOptions() : new TorrentOptions { AnnounceUrls = [announceUrl] };
            return await _engine.AddTorrentAsync(metainfo, folder, options, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public TorrentSession? Find(InfoHash infoHash) => _engine.Torrents.FirstOrDefault(t => t.Metainfo.InfoHash == infoHash);

    /// <summary>Stops seeding a package (before its cache folder is deleted).</summary>
    public async Task RemoveAsync(InfoHash infoHash)
    {
        await _gate.WaitAsync();
        try
        {
            if (Find(infoHash) is { } session)
            {
                await _engine.RemoveTorrentAsync(session);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public IReadOnlyCollection<TorrentSession> Sessions => _engine.Torrents;

    public void Apply(BandwidthCaps caps)
    {
        ArgumentNullException.ThrowIfNull(caps);
        _engine.SetRateLimits(caps.Download, caps.Upload);
    }

    public ValueTask DisposeAsync() => _engine.DisposeAsync();
}
