using EnterpriseDistrib.Torrent.Throttling;

namespace EnterpriseDistrib.Torrent.WebSeeds;

/// <summary>
/// One BEP 19 web seed (an <c>url-list</c> entry) as a source of content bytes: reads any range, across file
/// boundaries, into the caller's memory; retries transient errors with backoff; rests after repeated failures; counts
/// the bytes it delivered for the statistics.
/// </summary>
public sealed class WebSeed
{
    private readonly Lock _gate = new();
    private readonly WebSeedOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly FileRangeRequest _request;
    private long _bytesReceived;
    private int _consecutiveFailures;
    private int _disableCount;
    private DateTimeOffset? _disabledUntil;

    /// <param name="http">Create it with <see cref="Net.BoundHttpClientFactory"/> so requests leave from the engine's address.</param>
    /// <param name="downloadLimiter">Paces received bytes (e.g. the torrent's and the global download buckets), if given.</param>
    public WebSeed(Uri url, HttpClient http, WebSeedOptions? options = null, IByteRateLimiter? downloadLimiter = null, TimeProvider? timeProvider = null)
    {
        Url = url ?? throw new ArgumentNullException(nameof(url));
        ArgumentNullException.ThrowIfNull(http);
        _options = options ?? WebSeedOptions.Default;
        _time = timeProvider ?? TimeProvider.System;
        _random = _options.RandomSeed is { } seed ? new Random(seed) : new Random();
        _request = new FileRangeRequest(http, _options, downloadLimiter, bytes => Interlocked.Add(ref _bytesReceived, bytes));
    }

    public Uri Url { get; }

    /// <summary>Body bytes received from this seed, including any it sent before our range when it ignored Range.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>When a disabled seed may be tried again; null while it is in use.</summary>
    public DateTimeOffset? DisabledUntil
    {
        get { lock (_gate) { return _disabledUntil; } }
    }

    public bool IsAvailable
    {
        get { lock (_gate) { return _disabledUntil is not { } until || _time.GetUtcNow() >= until; } }
    }

    /// <summary>Reads piece <paramref name="pieceIndex"/> into <paramref name="destination"/> (exactly the piece's size). Not verified here.</summary>
    public Task ReadPieceAsync(WebSeedContent content, int pieceIndex, Memory<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var size = content.Layout.GetPieceSize(pieceIndex);
        if (destination.Length < size)
        {
            throw new ArgumentException($"Piece {pieceIndex} is {size} bytes; the buffer holds {destination.Length}.", nameof(destination));
        }

        return ReadAsync(content, content.Layout.GetPieceOffset(pieceIndex), destination[..size], cancellationToken);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with the content's bytes from <paramref name="offset"/> (in the concatenated
    /// content, as pieces count), one range request per file the span touches. Throws <see cref="WebSeedException"/>.
    /// </summary>
    public async Task ReadAsync(WebSeedContent content, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + destination.Length, content.Layout.TotalLength, nameof(destination));
        lock (_gate)
        {
            if (_disabledUntil is { } until && _time.GetUtcNow() < until)
            {
                throw new WebSeedException(Url, $"resting after {_consecutiveFailures} failed reads, until {until:O}", isTransient: true);
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ReadOnceAsync(content, offset, destination, cancellationToken).ConfigureAwait(false);
                OnSuccess();
                return;
            }
            catch (WebSeedException ex) when (ex.IsTransient && attempt < _options.MaxAttempts)
            {
                TimeSpan delay;
                lock (_gate)
                {
                    delay = _options.RetryBackoff.GetDelay(attempt, _random);
                }

                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (WebSeedException)
            {
                OnFailure();
                throw;
            }
        }
    }

    private async Task ReadOnceAsync(WebSeedContent content, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var end = offset + destination.Length;
        foreach (var file in content.Layout.Files)
        {
            if (file.End <= offset || file.Offset >= end || file.Length == 0)
            {
                continue;
            }

            var from = Math.Max(offset, file.Offset);
            var to = Math.Min(end, file.End);
            var slice = destination.Slice((int)(from - offset), (int)(to - from));
            var url = WebSeedUrls.GetFileUri(Url, content, file);
            await _request.ReadAsync(url, file.Length, from - file.Offset, slice, cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnSuccess()
    {
        lock (_gate)
        {
            _consecutiveFailures = 0;
            _disableCount = 0;
            _disabledUntil = null;
        }
    }

    private void OnFailure()
    {
        lock (_gate)
        {
            _consecutiveFailures++;
            if (_consecutiveFailures >= _options.FailuresBeforeDisable)
            {
                _disableCount++;
                _disabledUntil = _time.GetUtcNow() + _options.DisableBackoff.GetDelay(_disableCount, _random);
            }
        }
    }
}
