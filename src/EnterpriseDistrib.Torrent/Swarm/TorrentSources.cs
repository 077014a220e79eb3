using System.Collections.Immutable;
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
/// and the BEP 19 web seeds (WebSeeds/) — the torrent's own <c>url-list</c> plus any the tracker hands this
/// peer as its site's WAN fetcher — all over HTTP bound to the engine's address.
/// </summary>
internal sealed class TorrentSources(TorrentMetainfo metainfo, IPAddress? bindAddress, TorrentOptions options) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private HttpClient? _trackerHttp;
    private HttpClient? _webSeedHttp;
    private WebSeedPool? _pool;
    private WebSeed[] _ownSeeds = [];
    private ImmutableArray<Uri> _trackerWebSeeds = [];
    private TorrentSwarm? _swarm;
    private CancellationToken _lifetime;
    private Task? _webSeeding;
    private bool _disposed;

    /// <summary>The announce loop, when the torrent has HTTP trackers; peers arrive on its channel.</summary>
    public TrackerAnnouncer? Announcer { get; private set; }

    /// <summary>The web seeds in use now: the torrent's own, then the tracker's.</summary>
    public IReadOnlyList<Uri> WebSeeds
    {
        get { lock (_gate) { return _pool is null ? [] : [.. _pool.Seeds.Select(s => s.Url)]; } }
    }

    public void StartAnnouncing(PeerId peerId, int listenPort, bool complete, Func<TransferTotals> readTotals)
    {
        var tiers = !options.AnnounceUrls.IsDefaultOrEmpty
            ? [[.. options.AnnounceUrls.Select(u => u.ToString())]] // Given by whoever runs us (the agent's passkey URL): replaces the torrent's own.
            : metainfo.AnnounceList.IsDefaultOrEmpty
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
            readTotals,
            options.AnnouncerOptions);
        Announcer.WebSeedsChanged += OnTrackerWebSeeds;
        Announcer.Start();
        if (complete)
        {
            Announcer.NotifyCompleted();
        }
    }

    /// <summary>Starts fetching from the web seeds while the torrent downloads (at once, or when the tracker hands some).</summary>
    public void StartWebSeeds(TorrentSwarm swarm, CancellationToken lifetime)
    {
        lock (_gate)
        {
            _swarm = swarm;
            _lifetime = lifetime;
            _ownSeeds = [.. metainfo.WebSeeds
                .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null)
                .OfType<Uri>()
                .Distinct()
                .Select(NewSeedLocked)];
            _pool = new WebSeedPool(_ownSeeds);
            ApplyTrackerWebSeedsLocked();
        }
    }

    /// <summary>Waits for the web seed loops (cancelled by the torrent's lifetime) and sends <c>stopped</c>.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? webSeeding;
        lock (_gate)
        {
            _disposed = true;
            webSeeding = _webSeeding;
        }

        if (webSeeding is not null)
        {
            await webSeeding.ConfigureAwait(false);
        }

        _webSeedHttp?.Dispose();
        if (Announcer is not null)
        {
            Announcer.WebSeedsChanged -= OnTrackerWebSeeds;
            await Announcer.DisposeAsync().ConfigureAwait(false);
        }

        _trackerHttp?.Dispose();
    }

    private void OnTrackerWebSeeds(ImmutableArray<Uri> urls)
    {
        lock (_gate)
        {
            _trackerWebSeeds = urls;
            if (_pool is not null && !_disposed)
            {
                ApplyTrackerWebSeedsLocked();
            }
        }
    }

    // Own seeds first, then the tracker's; a seed already in use is kept, so its failure count and rest carry over.
    private void ApplyTrackerWebSeedsLocked()
    {
        var current = _pool!.Seeds.ToDictionary(s => s.Url);
        var seeds = _ownSeeds.ToList();
        foreach (var url in _trackerWebSeeds)
        {
            if (!seeds.Any(s => s.Url == url))
            {
                seeds.Add(current.TryGetValue(url, out var existing) ? existing : NewSeedLocked(url));
            }
        }

        _pool.Replace(seeds);
        if (seeds.Count > 0 && _webSeeding is null && !_lifetime.IsCancellationRequested)
        {
            var source = new WebSeedSource(_swarm!, _pool, new WebSeedContent(metainfo.Name, metainfo.IsMultiFile, metainfo.Layout), concurrency: 2);
            _webSeeding = source.RunAsync(_lifetime);
        }
    }

    private WebSeed NewSeedLocked(Uri url)
    {
        _webSeedHttp ??= BoundHttpClientFactory.CreateClient(bindAddress);
        return new WebSeed(url, _webSeedHttp, downloadLimiter: _swarm!.DownloadLimiter);
    }
}
