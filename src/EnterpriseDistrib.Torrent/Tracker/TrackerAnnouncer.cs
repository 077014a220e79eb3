using System.Collections.Immutable;
using System.Net;
using System.Threading.Channels;

namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>
/// One torrent's announce loop: <c>started</c>, then regular announces every interval, <c>completed</c> when told,
/// <c>stopped</c> on dispose. Trackers are tried per BEP 12 (tier by tier, in order; the one that answers moves to
/// the front of its tier). Discovered peers go to <see cref="Peers"/>; all waiting goes through the
/// <see cref="TimeProvider"/>.
/// </summary>
public sealed class TrackerAnnouncer : IAsyncDisposable
{
    private readonly HttpTrackerClient _client;
    private readonly AnnounceTarget _target;
    private readonly TrackerTiers _tiers;
    private readonly Func<TransferTotals> _readTotals;
    private readonly TrackerAnnouncerOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly uint _key;
    private readonly Channel<IPEndPoint> _peers;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private bool _disposed;
    private bool _startedSent;
    private bool _completedRequested;
    private bool _completedSent;
    private bool _announceNow;
    private bool _peersRequested;
    private long? _lastSuccessTimestamp;
    private TimeSpan _minInterval;
    private string? _trackerId;
    private TrackerStatus _status = TrackerStatus.Initial;
    private ImmutableArray<Uri> _webSeeds = [];

    /// <param name="readTotals">Called before each announce for the torrent's uploaded, downloaded and left bytes.</param>
    public TrackerAnnouncer(
        HttpTrackerClient client,
        AnnounceTarget target,
        Func<TransferTotals> readTotals,
        TrackerAnnouncerOptions? options = null,
        TimeProvider? timeProvider = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _target = target ?? throw new ArgumentNullException(nameof(target));
        _readTotals = readTotals ?? throw new ArgumentNullException(nameof(readTotals));
        _options = options ?? TrackerAnnouncerOptions.Default;
        _time = timeProvider ?? TimeProvider.System;
        _random = _options.RandomSeed is { } seed ? new Random(seed) : new Random();
        _key = (uint)_random.NextInt64(0, 1L << 32);
        _tiers = new TrackerTiers(target.Tiers, _options.ShuffleTiers ? _random : null);

        _peers = Channel.CreateBounded<IPEndPoint>(new BoundedChannelOptions(_options.PeerQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleWriter = true,
        });
    }

    /// <summary>Peers the trackers handed out, in arrival order (may repeat across announces; the engine de-duplicates).</summary>
    public ChannelReader<IPEndPoint> Peers => _peers.Reader;

    public TrackerStatus Status => Volatile.Read(ref _status);

    /// <summary>
    /// Raised on the announce loop when a successful answer hands a different set of web seeds than the one before
    /// (<see cref="AnnounceResponse.WebSeeds"/>; empty when the tracker stopped handing them out).
    /// </summary>
    public event Action<ImmutableArray<Uri>>? WebSeedsChanged;

    /// <summary>Starts the loop with a <c>started</c> announce.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_loop is not null)
            {
                throw new InvalidOperationException("The announcer is already running.");
            }

            _loop = Task.Run(() => RunAsync(_stopping.Token));
        }
    }

    /// <summary>The download finished: announce <c>completed</c> now rather than at the next interval.</summary>
    public void NotifyCompleted()
    {
        lock (_gate)
        {
            _completedRequested = true;
            _announceNow = !_completedSent;
            _wake.TrySetResult();
        }
    }

    /// <summary>The engine wants more peers: announce as soon as the tracker's <c>min interval</c> allows.</summary>
    public void RequestPeers()
    {
        lock (_gate)
        {
            _peersRequested = true;
            _wake.TrySetResult();
        }
    }

    /// <summary>Stops the loop and sends <c>stopped</c> (bounded by <see cref="TrackerAnnouncerOptions.StoppedTimeout"/>) if we had started.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            loop = _loop;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_startedSent)
        {
            using var timeout = new CancellationTokenSource(_options.StoppedTimeout);
            try
            {
                await AnnounceToTiersAsync(BuildRequest(AnnounceEvent.Stopped), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TrackerException or OperationCanceledException)
            {
                // Best effort: the tracker forgets us after a few intervals anyway.
            }
        }

        _peers.Writer.TryComplete();
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var announceEvent = NextEvent();
                TimeSpan wait;
                try
                {
                    var request = BuildRequest(announceEvent);
                    var (tracker, response) = await AnnounceToTiersAsync(request, cancellationToken).ConfigureAwait(false);
                    failures = 0;
                    wait = OnSuccess(request, tracker, response);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failures++;
                    wait = OnFailure(ex, failures);
                }

                await WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed.
        }
    }

    private AnnounceEvent NextEvent()
    {
        lock (_gate)
        {
            if (!_startedSent)
            {
                return AnnounceEvent.Started;
            }

            return _completedRequested && !_completedSent ? AnnounceEvent.Completed : AnnounceEvent.None;
        }
    }

    private TimeSpan OnSuccess(AnnounceRequest request, Uri tracker, AnnounceResponse response)
    {
        var announceEvent = request.Event;
        var interval = response.Interval < _options.MinimumInterval ? _options.MinimumInterval
            : response.Interval > _options.MaximumInterval ? _options.MaximumInterval
            : response.Interval;
        lock (_gate)
        {
            if (announceEvent == AnnounceEvent.Started)
            {
                _startedSent = true;

                // Started with left=0 (a seed, or finished before the first announce): the tracker counts us as a
                // seed already and no completed is owed. Otherwise a NotifyCompleted during this announce still is.
                _completedSent |= request.Left == 0;
                _announceNow &= !_completedSent;
            }
            else if (announceEvent == AnnounceEvent.Completed)
            {
                _completedSent = true;
            }

            _peersRequested = false;
            _lastSuccessTimestamp = _time.GetTimestamp();
            _minInterval = response.MinInterval ?? TimeSpan.Zero;
            _trackerId = response.TrackerId ?? _trackerId;
            interval = interval < _minInterval ? _minInterval : interval;
            Volatile.Write(ref _status, new TrackerStatus
            {
                Tracker = tracker,
                LastSuccess = _time.GetUtcNow(),
                LastEvent = announceEvent,
                Interval = response.Interval,
                MinInterval = response.MinInterval,
                WarningMessage = response.WarningMessage,
                Seeders = response.Complete,
                Leechers = response.Incomplete,
                NextAnnounce = _time.GetUtcNow() + interval,
                WebSeeds = response.WebSeeds,
                WebSeedsWarning = response.WebSeedsWarning,
            });
        }

        if (!response.WebSeeds.SequenceEqual(_webSeeds))
        {
            // Only the loop writes _webSeeds, so no lock: the handler runs outside _gate.
            _webSeeds = response.WebSeeds;
            WebSeedsChanged?.Invoke(response.WebSeeds);
        }

        // After the status, so whoever reads a peer sees the answer that brought it.
        foreach (var peer in response.Peers)
        {
            _peers.Writer.TryWrite(peer);
        }

        return interval;
    }

    private TimeSpan OnFailure(Exception error, int failures)
    {
        var wait = _options.Backoff.GetDelay(failures, _random);
        lock (_gate)
        {
            // Respect the tracker's min interval even while retrying: never sooner than it allowed after its last answer.
            if (_lastSuccessTimestamp is { } last)
            {
                var allowed = _minInterval - _time.GetElapsedTime(last);
                wait = allowed > wait ? allowed : wait;
            }

            Volatile.Write(ref _status, _status with
            {
                LastError = error,
                ConsecutiveFailures = failures,
                NextAnnounce = _time.GetUtcNow() + wait,
            });
        }

        return wait;
    }

    private async Task<(Uri Tracker, AnnounceResponse Response)> AnnounceToTiersAsync(AnnounceRequest request, CancellationToken cancellationToken)
    {
        TrackerException? refusal = null;
        TrackerException? last = null;
        foreach (var tracker in _tiers.InOrder())
        {
            try
            {
                var response = await _client.AnnounceAsync(tracker, request, cancellationToken).ConfigureAwait(false);
                _tiers.Promote(tracker);
                return (tracker, response);
            }
            catch (TrackerFailureException ex)
            {
                refusal ??= ex;
            }
            catch (TrackerException ex)
            {
                last = ex;
            }
        }

        // A tracker's own words ("not registered", "passkey revoked") help a person more than a timeout elsewhere.
        throw refusal ?? last!;
    }

    private AnnounceRequest BuildRequest(AnnounceEvent announceEvent)
    {
        var totals = _readTotals();
        string? trackerId;
        lock (_gate)
        {
            trackerId = _trackerId;
        }

        return new AnnounceRequest(_target.InfoHash, _target.PeerId, _target.Port)
        {
            Uploaded = totals.Uploaded,
            Downloaded = totals.Downloaded,
            Left = totals.Left,
            Event = announceEvent,
            NumWant = announceEvent == AnnounceEvent.Stopped ? 0 : _options.NumWant,
            Key = _key,
            TrackerId = trackerId,
        };
    }

    // Waits out the interval, waking early for a completed announce (now) or a peer request (once min interval allows).
    private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var due = _time.GetTimestamp() + (long)(wait.TotalSeconds * _time.TimestampFrequency);
        while (true)
        {
            Task woken;
            lock (_gate)
            {
                // One early announce per NotifyCompleted; if it fails, the retry waits like any other.
                if (_announceNow)
                {
                    _announceNow = false;
                    return;
                }

                if (_peersRequested)
                {
                    _peersRequested = false;
                    var earliest = (_lastSuccessTimestamp ?? 0) + (long)(_minInterval.TotalSeconds * _time.TimestampFrequency);
                    due = Math.Min(due, earliest);
                }

                if (_wake.Task.IsCompleted)
                {
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                woken = _wake.Task;
            }

            var remaining = due - _time.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(TimeSpan.FromSeconds(remaining / (double)_time.TimestampFrequency), _time, delayCancel.Token);
            var first = await Task.WhenAny(delay, woken).ConfigureAwait(false);
            await delayCancel.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (first == delay)
            {
                return;
            }
        }
    }
}
