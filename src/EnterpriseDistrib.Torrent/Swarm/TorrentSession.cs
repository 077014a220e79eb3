using System.Net;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Storage;
using EnterpriseDistrib.Torrent.Swarm.Connections;
using EnterpriseDistrib.Torrent.Swarm.Modes;
using EnterpriseDistrib.Torrent.Swarm.Statistics;
using EnterpriseDistrib.Torrent.Throttling;
using EnterpriseDistrib.Torrent.Tracker;

namespace EnterpriseDistrib.Torrent.Swarm;

/// <summary>
/// One torrent in a <see cref="SwarmEngine"/>: checks what is on disk, downloads the rest, then seeds
/// until stopped. Its life is a sequence of modes (Checking, Downloading, Seeding, Stopped) switched in
/// <see cref="TransitionAsync"/> only.
/// </summary>
public sealed partial class TorrentSession : IAsyncDisposable
{
    private readonly SwarmEngine _engine;
    private readonly TorrentOptions _options;
    private readonly FastResumeStore _resumeStore;
    private readonly TokenBucket _downloadBucket;
    private readonly TokenBucket _uploadBucket;
    private readonly PeerDirectory _directory;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _transitions = new(1, 1);
    private readonly Lock _tasksGate = new();
    private readonly HashSet<Task> _peerTasks = [];
    private TorrentSwarm? _swarm;
    private PieceStorage? _storage;
    private TorrentSources? _sources;
    private Task? _trackerPump;
    private Task? _maintenance;
    private TorrentMode _mode = new StoppedMode(null);
    private long _lastResumeSaveTicks = Environment.TickCount64;
    private int _resumeSavedAt = -1;
    private int _disposed;

    internal TorrentSession(SwarmEngine engine, TorrentMetainfo metainfo, string directory, TorrentOptions options)
    {
        _engine = engine;
        Metainfo = metainfo;
        Directory = Path.GetFullPath(directory);
        _options = options;
        _resumeStore = new FastResumeStore(options.ResumeFolder ?? Path.Combine(Directory, ".edist-resume"));
        _downloadBucket = new TokenBucket(options.DownloadRateLimit);
        _uploadBucket = new TokenBucket(options.UploadRateLimit);
        _directory = new PeerDirectory(options.Peers, TimeSpan.FromSeconds(5));
    }

    public TorrentMetainfo Metainfo { get; }

    public string Directory { get; }

    public TorrentState State => Volatile.Read(ref _mode).State;

    /// <summary>What the start-up check found (after Checking).</summary>
    public ResumeOutcome? CheckOutcome { get; private set; }

    /// <summary>Why the torrent stopped on its own (a disk error), if it did.</summary>
    public string? FaultReason { get; private set; }

    /// <summary>Completes when every piece is verified and on disk; faults if the torrent stops on an error first.</summary>
    public Task Completion => _completion.Task;

    public TransferSnapshot Statistics => _swarm?.Counters.Snapshot() ?? new TransferSnapshot(0, 0, 0, [], []);

    public IReadOnlyCollection<IPAddress> BannedPeers => _swarm?.Bans.Banned ?? [];

    public TorrentProgress Progress
    {
        get
        {
            var swarm = _swarm;
            var layout = Metainfo.Layout;
            if (swarm is null)
            {
                return new TorrentProgress(State, 0, layout.PieceCount, 0, layout.TotalLength, 0, 0, 0);
            }

            var have = swarm.SnapshotHave();
            var bytes = (long)have.TrueCount * layout.PieceLength;
            if (layout.PieceCount > 0 && have[layout.PieceCount - 1])
            {
                bytes -= layout.PieceLength - layout.GetPieceSize(layout.PieceCount - 1);
            }

            var totals = swarm.Counters.Snapshot();
            return new TorrentProgress(State, have.TrueCount, layout.PieceCount, bytes, layout.TotalLength, swarm.PeerCount, totals.BytesReceived, totals.BytesSent);
        }
    }

    /// <summary>How announcing is going; null when the torrent has no HTTP tracker or does not use trackers.</summary>
    public TrackerStatus? TrackerStatus => _sources?.Announcer?.Status;

    /// <summary>The BEP 19 web seeds in use now: the torrent's <c>url-list</c> and any the tracker handed this peer.</summary>
    public IReadOnlyList<Uri> WebSeeds => _sources?.WebSeeds ?? [];

    internal TorrentSwarm? Swarm => _swarm;

    /// <summary>Adds a peer to connect to (tracker-less swarms, tests, <c>--peer</c>).</summary>
    public void AddPeer(IPEndPoint endPoint) => _directory.Add(endPoint);

    /// <summary>Changes this torrent's limits (bytes per second, 0 = unlimited) at run time.</summary>
    public void SetRateLimits(long downloadBytesPerSecond, long uploadBytesPerSecond)
    {
        _downloadBucket.SetRate(downloadBytesPerSecond);
        _uploadBucket.SetRate(uploadBytesPerSecond);
    }

    /// <summary>Stops: peers closed, pending writes finished, fast-resume saved, <c>stopped</c> announced.</summary>
    public Task StopAsync() => TransitionAsync(new StoppedMode(null));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // _lifetime stays undisposed: late dials and peer loops may still read its (cancelled) token.
        await StopAsync().ConfigureAwait(false);
        _downloadBucket.Dispose();
        _uploadBucket.Dispose();
    }

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        var checking = new CheckingMode(Metainfo, Directory, _resumeStore, _options.CheckProgress);
        await TransitionAsync(checking, cancellationToken).ConfigureAwait(false);
        CheckOutcome = checking.Outcome!;
        var have = CheckOutcome.Have;

        if (_options.SeedOnly && !have.AllSet)
        {
            throw new IncompleteContentException($"Only {have.TrueCount} of {Metainfo.Layout.PieceCount} pieces of {Metainfo.Name} verify under '{Directory}'.")
            {
                VerifiedPieces = have.TrueCount,
                PieceCount = Metainfo.Layout.PieceCount,
            };
        }

        _storage = new PieceStorage(Metainfo.Layout, Directory);
        if (!have.AllSet)
        {
            await _storage.AllocateAsync(cancellationToken).ConfigureAwait(false);
        }

        _swarm = new TorrentSwarm(
            Metainfo.Layout,
            _engine.Settings,
            _storage,
            have,
            new ChainedRateLimiter(_downloadBucket, _engine.GlobalDownload),
            new ChainedRateLimiter(_uploadBucket, _engine.GlobalUpload),
            new BanList(_engine.Settings.HashFailuresBeforeBan),
            _engine.PeerId);
        _swarm.DownloadCompleted += () => _ = OnDownloadCompletedAsync();

        _sources = new TorrentSources(Metainfo, _engine.OutgoingAddress, _options);
        if (_options.UseTrackers && _engine.ListenEndPoint is { } listening)
        {
            _sources.StartAnnouncing(_engine.PeerId, listening.Port, have.AllSet, ReadTotals);
            if (_sources.Announcer is { } announcer)
            {
                _trackerPump = PumpTrackerPeersAsync(announcer.Peers, _swarm, _lifetime.Token);
            }
        }

        if (!have.AllSet)
        {
            _sources.StartWebSeeds(_swarm, _lifetime.Token);
        }

        if (have.AllSet)
        {
            await TransitionAsync(new SeedingMode(), cancellationToken).ConfigureAwait(false);
            _completion.TrySetResult();
        }
        else
        {
            await TransitionAsync(new DownloadingMode(_swarm, _lifetime.Token), cancellationToken).ConfigureAwait(false);
        }

        _maintenance = Task.Run(() => MaintainAsync(_lifetime.Token), CancellationToken.None);
    }

    private TransferTotals ReadTotals()
    {
        var progress = Progress;
        return new TransferTotals(progress.BytesSent, progress.BytesReceived, progress.TotalBytes - progress.VerifiedBytes);
    }

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        try
        {
            // The first round runs at once, so the first peers are dialled without waiting a tick.
            do
            {
                var swarm = _swarm!;
                var now = Environment.TickCount64;
                swarm.CheckTimeouts(now);
                swarm.RefillAll();
                DialCandidates(swarm);

                if (swarm.Writer.Fault is { } fault)
                {
                    FaultReason = $"Writing to {Directory} failed: {fault.Message}";
                    _completion.TrySetException(new IOException(FaultReason, fault));
                    _ = TransitionAsync(new StoppedMode(FaultReason), CancellationToken.None);
                    return;
                }

                if (_mode.Downloads && now - _lastResumeSaveTicks > (long)_engine.Settings.FastResumeInterval.TotalMilliseconds)
                {
                    await SaveResumeAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Flushes the files, then saves the verified pieces (only what is durable is recorded).</summary>
    private async Task SaveResumeAsync(CancellationToken cancellationToken)
    {
        _lastResumeSaveTicks = Environment.TickCount64;
        if (_swarm is null || _storage is null || _swarm.VerifiedCount == _resumeSavedAt)
        {
            return;
        }

        var have = _swarm.SnapshotHave();
        var data = await _storage.CheckpointAsync(Metainfo.InfoHash, have, cancellationToken).ConfigureAwait(false);
        await _resumeStore.SaveAsync(data, cancellationToken).ConfigureAwait(false);
        _resumeSavedAt = have.TrueCount;
    }

    private async Task OnDownloadCompletedAsync()
    {
        await TransitionAsync(new SeedingMode()).ConfigureAwait(false);
        _sources?.Announcer?.NotifyCompleted();
        _completion.TrySetResult();
    }

    /// <summary>The one place modes change: leave the old one, enter the new one, save resume data where due.</summary>
    private async Task TransitionAsync(TorrentMode next, CancellationToken cancellationToken = default)
    {
        await _transitions.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var previous = _mode;
            if (previous.State == TorrentState.Stopped && next.State == TorrentState.Stopped)
            {
                return;
            }

            if (next.State == TorrentState.Stopped)
            {
                await StopSwarmAsync(previous).ConfigureAwait(false);
            }
            else
            {
                await previous.ExitAsync().ConfigureAwait(false);
            }

            Volatile.Write(ref _mode, next);
            await next.EnterAsync(cancellationToken).ConfigureAwait(false);
            if (next.State == TorrentState.Seeding)
            {
                await SaveResumeAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _transitions.Release();
        }
    }

    private async Task StopSwarmAsync(TorrentMode previous)
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        _swarm?.CloseAll("stopping");
        Task[] peers;
        lock (_tasksGate)
        {
            peers = [.. _peerTasks];
        }

        await Task.WhenAll(peers).ConfigureAwait(false);
        await previous.ExitAsync().ConfigureAwait(false);
        if (_maintenance is not null)
        {
            await _maintenance.ConfigureAwait(false);
        }

        if (_trackerPump is not null)
        {
            await _trackerPump.ConfigureAwait(false);
        }

        if (_sources is not null)
        {
            await _sources.DisposeAsync().ConfigureAwait(false);
        }

        if (_storage is not null)
        {
            try
            {
                await SaveResumeAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The disk that failed the writes may fail this too; the next start re-checks instead.
            }

            _swarm?.ReadCache.Dispose();
            await _storage.DisposeAsync().ConfigureAwait(false);
        }

        _completion.TrySetCanceled();
    }
}
