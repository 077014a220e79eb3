using System.Net;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Net;
using EnterpriseDistrib.Torrent.Swarm.WebSeeding;
using EnterpriseDistrib.Torrent.Tracker;
using EnterpriseDistrib.Torrent.WebSeeds;
using EnterpriseDistrib.Torrent.Wire;

namespace EnterpriseDistrib.Torrent.Swarm;

/// <summary>
/// Where a torrent finds peers and pieces besides its connections: the trackers' announce loop (Tracker/)
/// and the BEP 19 web seeds (WebSeeds/), both over HTTP bound to the engine's address.
/// </summary>
internal sealed class TorrentSources(TorrentMetainfo metainfo, IPAddress? bindAddress) : IAsyncDisposable
{
    private HttpClient? _trackerHttp;
    private HttpClient? _webSeedHttp;
    private Task? _webSeeding;

    /// <summary>The announce loop, when the torrent has HTTP trackers; peers arrive on its channel.</summary>
    public TrackerAnnouncer? Announcer { get; private set; }

    public void StartAnnouncing(PeerId peerId, int listenPort, bool complete, Func<TransferTotals> readTotals)
    {
        var tiers = metainfo.AnnounceList.IsDefaultOrEmpty
            ? (metainfo.Announce is { } single ? [[single]] : [])
            : metainfo.AnnounceList.Select(t => t.ToArray()).ToArray();
        var uris = tiers
            .Select(t => (IReadOnlyList<Uri>)[.. t.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : null).OfType<Uri>().Where(u => u.Scheme is "http" or "https")])
            .Where(t => t.Count > 0)
            .ToList();
        if (uris.Count == 0)
        {
            return;
        }

        // Announces leave from the engine's address: the tracker places a peer by where it connects from.
        _trackerHttp = BoundHttpClientFactory.CreateClient(bindAddress);
        Announcer = new TrackerAnnouncer(
            new HttpTrackerClient(_trackerHttp),
            new AnnounceTarget(uris, metainfo.InfoHash, peerId.Bytes.ToArray(), listenPort),
            readTotals);
        Announcer.Start();
        if (complete)
        {
            Announcer.NotifyCompleted();
        }
    }

    public void StartWebSeeds(TorrentSwarm swarm, CancellationToken lifetime)
    {
        var urls = metainfo.WebSeeds
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null)
            .OfType<Uri>()
            .ToList();
        if (urls.Count == 0)
        {
            return;
        }

        _webSeedHttp = BoundHttpClientFactory.CreateClient(bindAddress);
        var pool = new WebSeedPool(urls.Select(u => new WebSeed(u, _webSeedHttp, downloadLimiter: swarm.DownloadLimiter)));
        var source = new WebSeedSource(swarm, pool, new WebSeedContent(metainfo.Name, metainfo.IsMultiFile, metainfo.Layout), concurrency: 2);
        _webSeeding = source.RunAsync(lifetime);
    }

    /// <summary>Waits for the web seed loops (cancelled by the torrent's lifetime) and sends <c>stopped</c>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_webSeeding is not null)
        {
            await _webSeeding.ConfigureAwait(false);
        }

        _webSeedHttp?.Dispose();
        if (Announcer is not null)
        {
            await Announcer.DisposeAsync().ConfigureAwait(false);
        }

        _trackerHttp?.Dispose();
    }
}
