using System.Collections.Concurrent;
using System.Net;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Swarm;

namespace EnterpriseDistrib.Server.Origin;

/// <summary>
/// Seeds every Available version from origin storage with our engine: those found at start-up, those this
/// silo verifies (at once), and those another silo verified (on the next rescan). Tells the tracker where
/// it listens and what it seeds.
/// </summary>
public sealed partial class OriginSeeder(
    OriginOptions options, IOriginStorage storage, PackageContentStore contents, ILogger<OriginSeeder> logger) : BackgroundService, IOriginDirectory
{
    private readonly ConcurrentDictionary<InfoHash, TorrentMetainfo> _seeded = new();
    private readonly ConcurrentDictionary<InfoHash, Task> _adding = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SwarmEngine? _engine;

    /// <inheritdoc />
    public IPEndPoint? PeerEndpoint
    {
        get
        {
            if (_engine?.ListenEndPoint is not { } bound)
            {
                return null;
            }

            var any = bound.Address.Equals(IPAddress.Any) || bound.Address.Equals(IPAddress.IPv6Any);
            return new IPEndPoint(options.PeerPublicAddress ?? (any ? IPAddress.Loopback : bound.Address), bound.Port);
        }
    }

    /// <summary>Completes once the peer listener is bound (or faults if it could not be).</summary>
    public Task Listening => _listening.Task;

    /// <inheritdoc />
    public bool Seeds(InfoHash infoHash) => _seeded.ContainsKey(infoHash);

    /// <summary>The torrent of seeded content, for the web seed.</summary>
    public bool TryGetSeeded(InfoHash infoHash, out TorrentMetainfo metainfo) => _seeded.TryGetValue(infoHash, out metainfo!);

    /// <summary>Starts seeding a version that just became Available; returns when it seeds (or failed, logged).</summary>
    public Task SeedAsync(PackageVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        var metainfo = TorrentMetainfo.Parse(version.TorrentBytes);
        if (_seeded.ContainsKey(metainfo.InfoHash))
        {
            return Task.CompletedTask;
        }

        return _adding.GetOrAdd(metainfo.InfoHash, _ => AddAsync(version, metainfo, cancellationToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            _engine = new SwarmEngine(new EngineSettings { BindAddress = options.PeerBindAddress, ListenPort = options.PeerPort });
            await _engine.StartAsync();
            _listening.TrySetResult();
            LogListening(PeerEndpoint);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException)
        {
            _listening.TrySetException(e);
            LogCannotListen(e, options.PeerBindAddress, options.PeerPort);
            return;
        }

        using var timer = new PeriodicTimer(options.RescanInterval);
        do
        {
            try
            {
                foreach (var version in await contents.ListInStateAsync(PackageContentState.Available, stoppingToken))
                {
                    await SeedAsync(version, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The catalog may be briefly unreachable; the next rescan tries again.
                LogRescanFailed(e);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task AddAsync(PackageVersion version, TorrentMetainfo metainfo, CancellationToken cancellationToken)
    {
        try
        {
            await Listening;
            var location = storage.LocateForSeeding(metainfo.InfoHash);
            var torrentOptions = new TorrentOptions { SeedOnly = true, UseTrackers = false, ResumeFolder = location.ResumeFolder };
            await _engine!.AddTorrentAsync(metainfo, location.ContentFolder, torrentOptions, cancellationToken);
            _seeded[metainfo.InfoHash] = metainfo;
            LogSeeding(version.Id, metainfo.InfoHash.ToHex());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Content verified at upload but now incomplete on disk (deleted, truncated): say so, keep serving the rest.
            LogCannotSeed(e, version.Id, metainfo.InfoHash.ToHex());
        }
        finally
        {
            _adding.TryRemove(metainfo.InfoHash, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Origin seeder listening on {EndPoint}")]
    private partial void LogListening(IPEndPoint? endPoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "Origin seeder cannot listen on {Address}:{Port}; set Origin:PeerBindAddress / Origin:PeerPort")]
    private partial void LogCannotListen(Exception exception, IPAddress address, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Origin rescan for Available versions failed; retrying on the next one")]
    private partial void LogRescanFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Origin seeds version {VersionId} ({InfoHash})")]
    private partial void LogSeeding(Guid versionId, string infoHash);

    [LoggerMessage(Level = LogLevel.Error, Message = "Origin cannot seed version {VersionId} ({InfoHash}): its stored content does not verify")]
    private partial void LogCannotSeed(Exception exception, Guid versionId, string infoHash);
}
