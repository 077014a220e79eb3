namespace EnterpriseDistrib.Torrent.Throttling;

/// <summary>
/// A token bucket that paces bytes to a rate (bytes per second, 0 = unlimited) with a burst allowance; waiters are
/// served first come, first served, woken by one timer (no polling), and a rate change applies to them at once.
/// </summary>
public sealed class TokenBucket : IByteRateLimiter, IDisposable
{
    // Floating-point refills may land a hair under a whole number of tokens at the exact due time.
    private const double Tolerance = 1e-6;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly ITimer _timer;
    private long _bytesPerSecond;
    private long _burst;
    private double _tokens;
    private long _lastRefill;
    private bool _disposed;

    /// <param name="bytesPerSecond">The sustained rate; 0 means unlimited.</param>
    /// <param name="burst">Bytes that may pass at once after a quiet period; 0 picks one second's worth (at least 16 KiB).</param>
    /// <param name="timeProvider">The clock; tests pass a fake one.</param>
    public TokenBucket(long bytesPerSecond, long burst = 0, TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        (_bytesPerSecond, _burst) = Validate(bytesPerSecond, burst);
        _tokens = _burst;
        _lastRefill = _time.GetTimestamp();
        _timer = _time.CreateTimer(static state => ((TokenBucket)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public long BytesPerSecond
    {
        get { lock (_gate) { return _bytesPerSecond; } }
    }

    public long Burst
    {
        get { lock (_gate) { return _burst; } }
    }

    /// <summary>Changes the rate and burst; current waiters are re-timed against the new rate immediately.</summary>
    public void SetRate(long bytesPerSecond, long burst = 0)
    {
        var (rate, newBurst) = Validate(bytesPerSecond, burst);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Refill();
            var wasUnlimited = _bytesPerSecond == 0;
            _bytesPerSecond = rate;
            _burst = newBurst;
            _tokens = wasUnlimited ? newBurst : Math.Min(_tokens, newBurst);
            ServeWaiters();
        }
    }

    public ValueTask WaitAsync(int bytes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        if (bytes == 0)
        {
            return ValueTask.CompletedTask;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_waiters.Count == 0 && TryTake(bytes))
            {
                return ValueTask.CompletedTask;
            }

            var waiter = new Waiter(bytes) { Owner = this };
            waiter.Node = _waiters.AddLast(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                waiter.Registration = cancellationToken.UnsafeRegister(
                    static (state, token) => ((Waiter)state!).Owner!.Cancel((Waiter)state!, token), waiter);
            }

            ScheduleLocked();
            return new ValueTask(waiter.Completion.Task);
        }
    }

    /// <summary>Fails every waiter with <see cref="ObjectDisposedException"/> and stops the timer.</summary>
    public void Dispose()
    {
        List<Waiter> orphans;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            orphans = [.. _waiters];
            _waiters.Clear();
        }

        _timer.Dispose();
        foreach (var waiter in orphans)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetException(new ObjectDisposedException(nameof(TokenBucket)));
        }
    }

    private static (long Rate, long Burst) Validate(long bytesPerSecond, long burst)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(burst);
        return (bytesPerSecond, burst > 0 ? burst : Math.Max(bytesPerSecond, 16 * 1024));
    }

    private void Cancel(Waiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is null)
            {
                return;
            }

            _waiters.Remove(waiter.Node);
            waiter.Completion.TrySetCanceled(token);

            // The cancelled waiter may have been the head that others queued behind.
            ServeWaiters();
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                ServeWaiters();
            }
        }
    }

    private void ServeWaiters()
    {
        Refill();
        while (_waiters.First is { } head && TryTake(head.Value.Bytes))
        {
            _waiters.RemoveFirst();
            head.Value.Registration.Dispose();
            head.Value.Completion.TrySetResult();
        }

        ScheduleLocked();
    }

    private void ScheduleLocked()
    {
        if (_waiters.First is not { } head || _bytesPerSecond == 0)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var deficit = Math.Min(head.Value.Bytes, _burst) - _tokens;
        var ticks = Math.Max(1, (long)Math.Ceiling(deficit * TimeSpan.TicksPerSecond / _bytesPerSecond));
        _timer.Change(TimeSpan.FromTicks(ticks), Timeout.InfiniteTimeSpan);
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        if (_bytesPerSecond > 0)
        {
            var added = _time.GetElapsedTime(_lastRefill, now).TotalSeconds * _bytesPerSecond;
            _tokens = Math.Min(_burst, _tokens + added);
        }

        _lastRefill = now;
    }

    // A request above the burst needs only a full bucket and leaves it in debt, so it can never wait forever.
    private bool TryTake(int bytes)
    {
        if (_bytesPerSecond == 0)
        {
            return true;
        }

        if (_tokens + Tolerance < Math.Min(bytes, _burst))
        {
            return false;
        }

        _tokens -= bytes;
        return true;
    }

    private sealed class Waiter(int bytes)
    {
        public int Bytes { get; } = bytes;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public TokenBucket? Owner { get; init; }
    }
}
