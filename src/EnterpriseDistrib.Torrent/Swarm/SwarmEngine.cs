using System.Collections.Concurrent;
using System.Net;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Swarm.Connections;
using EnterpriseDistrib.Torrent.Throttling;
using EnterpriseDistrib.Torrent.Wire;

namespace EnterpriseDistrib.Torrent.Swarm;

/// <summary>
/// Our BitTorrent client: one listener on the configured address, one peer id, global rate limits, and
/// the torrents added to it. Every socket it opens is bound to <see cref="EngineSettings.BindAddress"/>.
/// </summary>
public sealed class SwarmEngine : IAsyncDisposable
{
    private readonly ConcurrentDictionary<InfoHash, TorrentSession> _torrents = new();
    private readonly TokenBucket _globalDownload;
    private readonly TokenBucket _globalUpload;
    private PeerListener? _listener;
    private int _disposed;

    public SwarmEngine(EngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings.Validate();
        PeerId = PeerId.CreateRandom();
        _globalDownload = new TokenBucket(settings.DownloadRateLimit);
        _globalUpload = new TokenBucket(settings.UploadRateLimit);
    }

    public EngineSettings Settings { get; }

    public PeerId PeerId { get; }

    /// <summary>Where peers reach us, once <see cref="StartAsync"/> has bound the listener.</summary>
    public IPEndPoint? ListenEndPoint => _listener?.EndPoint;

    public IReadOnlyCollection<TorrentSession> Torrents => [.. _torrents.Values];

    internal IByteRateLimiter GlobalDownload => _globalDownload;

    internal IByteRateLimiter GlobalUpload => _globalUpload;

    /// <summary>The address outgoing connections leave from; null lets the OS choose (bound to "any").</summary>
    internal IPAddress? OutgoingAddress =>
        Settings.BindAddress.Equals(IPAddress.Any) || Settings.BindAddress.Equals(IPAddress.IPv6Any) ? null : Settings.BindAddress;

    /// <summary>Binds and starts the listener.</summary>
    public Task StartAsync()
    {
        if (_listener is null)
        {
            _listener = new PeerListener(new IPEndPoint(Settings.BindAddress, Settings.ListenPort), Settings.HandshakeTimeout, RouteAsync);
            _listener.Start();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Adds a torrent whose content lives under <paramref name="directory"/>, checks what is there
    /// (fast-resume or hashing), then downloads what is missing and seeds.
    /// </summary>
    public async Task<TorrentSession> AddTorrentAsync(TorrentMetainfo metainfo, string directory, TorrentOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metainfo);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        await StartAsync().ConfigureAwait(false);
        var session = new TorrentSession(this, metainfo, directory, options ?? new TorrentOptions());
        if (!_torrents.TryAdd(metainfo.InfoHash, session))
        {
            throw new InvalidOperationException($"Torrent {metainfo.InfoHash} ({metainfo.Name}) is already in this engine.");
        }

        try
        {
            await session.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _torrents.TryRemove(metainfo.InfoHash, out _);
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return session;
    }

    public async Task RemoveTorrentAsync(TorrentSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_torrents.TryRemove(session.Metainfo.InfoHash, out _))
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Changes the global limits (bytes per second, 0 = unlimited) at run time.</summary>
    public void SetRateLimits(long downloadBytesPerSecond, long uploadBytesPerSecond)
    {
        _globalDownload.SetRate(downloadBytesPerSecond);
        _globalUpload.SetRate(uploadBytesPerSecond);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var session in _torrents.Values)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        _torrents.Clear();
        _globalDownload.Dispose();
        _globalUpload.Dispose();
    }

    private async Task RouteAsync(PeerSocket socket, Handshake handshake)
    {
        if (_torrents.TryGetValue(handshake.InfoHash, out var session) && handshake.PeerId != PeerId)
        {
            await session.AcceptAsync(socket, handshake).ConfigureAwait(false);
        }
        else
        {
            await socket.DisposeAsync().ConfigureAwait(false);
        }
    }
}
