using System.Collections.Concurrent;
using EnterpriseDistrib.Agent.Assignments;
using EnterpriseDistrib.Agent.Bandwidth;
using EnterpriseDistrib.Agent.Cache;
using EnterpriseDistrib.Agent.Configuration;
using EnterpriseDistrib.Agent.Downloads;
using EnterpriseDistrib.Agent.Status;
using EnterpriseDistrib.Torrent.Metainfo;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EnterpriseDistrib.Agent.Rollouts;

/// <summary>
/// Keeps one <see cref="RolloutRunner"/> running per current assignment (started when the poller first sees it,
/// cancelled when it goes away, retried after an error), applies the bandwidth caps, expires cached packages past
/// their retention, and writes <c>downloads.json</c> for <c>edist-agent status</c>.
/// </summary>
public sealed partial class RolloutWorker(
    AgentSettings settings,
    AssignmentPoller poller,
    RolloutRunner runner,
    PackageCache cache,
    SwarmHost swarm,
    DownloadsStatusFile statusFile,
    TimeProvider time,
    ILogger<RolloutWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, Running> _running = new();
    private readonly ConcurrentDictionary<Guid, DownloadStatus> _shown = new();
    private readonly BandwidthPolicy _bandwidth = BandwidthPolicy.FromSettings(settings);
    private readonly SemaphoreSlim _wake = new(0);
    private BandwidthCaps? _caps;
    private int _shownVersion;
    private int _writtenVersion = -1;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(_running.Values.Select(r => r.Task));
        await WriteStatusAsync(CancellationToken.None);
        await swarm.DisposeAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        poller.CycleCompleted += OnCycle;
        try
        {
            await swarm.StartAsync();
            LogListening(logger, swarm.ListenEndPoint?.ToString() ?? "-");
            await SeedCachedAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                ApplyCaps();
                Reconcile(stoppingToken);
                await ExpireAsync(stoppingToken);
                await WriteStatusAsync(stoppingToken);
                try
                {
                    await _wake.WaitAsync(Tick, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            poller.CycleCompleted -= OnCycle;
            foreach (var running in _running.Values)
            {
                await running.Cancellation.CancelAsync();
            }
        }
    }

    private void OnCycle(PollCycle cycle) => _wake.Release();

    private void ApplyCaps()
    {
        // The site's policy, once a heartbeat brings one, replaces the configured business hours.
        var policy = poller.LastHeartbeat is { } beat ? _bandwidth.WithSite(beat.BusinessHours, beat.SiteTimeZone) : _bandwidth;
        var caps = policy.At(time.GetLocalNow());
        if (caps != _caps)
        {
            _caps = caps;
            swarm.Apply(caps);
            LogCaps(logger, caps.Download, caps.Upload);
        }
    }

    // Packages kept for their retention period seed again after a restart, assigned or not.
    private async Task SeedCachedAsync(CancellationToken cancellationToken)
    {
        foreach (var package in await cache.ListAsync(cancellationToken))
        {
            if (!package.Complete || !File.Exists(cache.TorrentFile(package.InfoHash)))
            {
                continue;
            }

            try
            {
                var metainfo = TorrentMetainfo.Parse(await File.ReadAllBytesAsync(cache.TorrentFile(package.InfoHash), cancellationToken));
                var announce = Uri.TryCreate(package.AnnounceUrl, UriKind.Absolute, out var url) ? url : null;
                await swarm.OpenAsync(metainfo, cache.ContentFolder(package.InfoHash), announce, cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or InvalidTorrentException or UnauthorizedAccessException)
            {
                LogSeedFailed(logger, package.Name, exception.Message);
            }
        }
    }

    private void Reconcile(CancellationToken stoppingToken)
    {
        var assignments = poller.Assignments;
        var current = assignments.Select(a => a.RolloutId).ToHashSet();
        foreach (var (id, running) in _running)
        {
            if (!current.Contains(id))
            {
                running.Cancellation.Cancel();
                _running.TryRemove(id, out _);
                _shown.TryRemove(id, out _);
                Interlocked.Increment(ref _shownVersion);
            }
            else if (running.Task.IsCompleted && running.RetryAt is { } retry && time.GetUtcNow() >= retry)
            {
                _running.TryRemove(id, out _);
            }
        }

        foreach (var assignment in assignments)
        {
            if (_running.ContainsKey(assignment.RolloutId))
            {
                continue;
            }

            var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var running = new Running(cancellation);
            _running[assignment.RolloutId] = running;
            running.Task = Task.Run(
                async () =>
                {
                    try
                    {
                        await runner.RunAsync(assignment, NeededHashes, Show, cancellation.Token);
                    }
                    catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                    {
                        // The assignment went away or the agent stops; the journal says where to resume.
                    }
                    catch (Exception exception) when (exception is not OutOfMemoryException)
                    {
                        // A server outage, a disk error or a bad torrent: keep the rest running, try this one again later.
                        LogRolloutFailed(logger, assignment.RolloutName, exception.Message);
                        running.RetryAt = time.GetUtcNow() + RetryAfter;
                        if (_shown.TryGetValue(assignment.RolloutId, out var shown))
                        {
                            Show(shown with { Detail = "Will retry: " + exception.Message, UpdatedAt = time.GetUtcNow() });
                        }
                    }
                },
                CancellationToken.None);
        }
    }

    private IReadOnlySet<string> NeededHashes() => poller.Assignments.Select(a => a.InfoHash.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    private async Task ExpireAsync(CancellationToken cancellationToken)
    {
        var expired = CacheEvictionPolicy.Expired(await cache.ListAsync(cancellationToken), NeededHashes(), time.GetUtcNow(), settings.CacheRetention);
        foreach (var package in expired)
        {
            LogExpired(logger, package.Name, package.Size);
            await swarm.RemoveAsync(InfoHash.ParseHex(package.InfoHash));
            await cache.RemoveAsync(package.InfoHash, cancellationToken);
        }
    }

    private void Show(DownloadStatus status)
    {
        _shown[status.RolloutId] = status;
        Interlocked.Increment(ref _shownVersion);
    }

    private async Task WriteStatusAsync(CancellationToken cancellationToken)
    {
        var version = Volatile.Read(ref _shownVersion);
        if (version == _writtenVersion)
        {
            return;
        }

        _writtenVersion = version;
        await statusFile.WriteAsync([.. _shown.Values.OrderBy(s => s.RolloutName, StringComparer.Ordinal)], cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bandwidth caps now {Download} B/s down, {Upload} B/s up (0 = unlimited)")]
    private static partial void LogCaps(ILogger logger, long download, long upload);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cached package {Package} cannot seed: {Reason}")]
    private static partial void LogSeedFailed(ILogger logger, string package, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Peer listener on {EndPoint}")]
    private static partial void LogListening(ILogger logger, string endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollout {Rollout} stopped on an error and will be retried: {Reason}")]
    private static partial void LogRolloutFailed(ILogger logger, string rollout, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Package} ({Size} bytes) from the cache: retention period over")]
    private static partial void LogExpired(ILogger logger, string package, long size);

    private sealed class Running(CancellationTokenSource cancellation)
    {
        public CancellationTokenSource Cancellation { get; } = cancellation;

        public Task Task { get; set; } = Task.CompletedTask;

        public DateTimeOffset? RetryAt { get; set; }
    }
}
