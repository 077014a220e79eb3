using System.Threading.Channels;
using EnterpriseDistrib.Torrent.Storage;
using EnterpriseDistrib.Torrent.Swarm.Picking;

namespace EnterpriseDistrib.Torrent.Swarm;

/// <summary>
/// Writes verified pieces to storage off the socket loops, and holds readers back while too many bytes
/// wait to be written.
/// </summary>
internal sealed class PieceWriter
{
    // One writer: two writing the same file contend on its inode lock (seen spinning in perf) for no gain.
    private const int Writers = 1;

    private readonly TorrentSwarm _swarm;
    private readonly PieceStorage _storage;
    private readonly long _maxPendingBytes;
    private readonly Channel<PartialPiece> _queue = Channel.CreateUnbounded<PartialPiece>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Lock _gate = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, TaskCompletionSource> _inFlight = new();
    private TaskCompletionSource _spaceFreed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _pendingBytes;
    private Task? _running;

    public PieceWriter(TorrentSwarm swarm, PieceStorage storage, long maxPendingBytes)
    {
        _swarm = swarm;
        _storage = storage;
        _maxPendingBytes = maxPendingBytes;
    }

    /// <summary>The first write error, if any: the torrent stops on it.</summary>
    public Exception? Fault { get; private set; }

    public void Start(CancellationToken cancellationToken)
    {
        _running ??= Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() => RunAsync(cancellationToken), CancellationToken.None)));
    }

    public void Enqueue(PartialPiece piece)
    {
        _inFlight[piece.Index] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Add(ref _pendingBytes, piece.Length);
        _queue.Writer.TryWrite(piece);
    }

    /// <summary>Completes at once unless the pending writes exceed the cap; then when they drain below it.</summary>
    public ValueTask WaitForSpaceAsync(CancellationToken cancellationToken)
    {
        return Interlocked.Read(ref _pendingBytes) < _maxPendingBytes ? ValueTask.CompletedTask : new ValueTask(WaitSlowAsync(cancellationToken));
    }

    /// <summary>Completes once a piece queued for writing has been written (at once for any other piece).</summary>
    public Task WhenWrittenAsync(int piece) => _inFlight.TryGetValue(piece, out var written) ? written.Task : Task.CompletedTask;

    /// <summary>Waits for every queued piece to be written (on stop).</summary>
    public async Task DrainAsync()
    {
        _queue.Writer.TryComplete();
        if (_running is not null)
        {
            try
            {
                await _running.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task WaitSlowAsync(CancellationToken cancellationToken)
    {
        while (Interlocked.Read(ref _pendingBytes) >= _maxPendingBytes)
        {
            Task freed;
            lock (_gate)
            {
                freed = _spaceFreed.Task;
            }

            if (Interlocked.Read(ref _pendingBytes) < _maxPendingBytes)
            {
                return;
            }

            await freed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var piece in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await _storage.WriteAsync(piece.Index, 0, piece.Data, cancellationToken).ConfigureAwait(false);
                _swarm.OnPieceWritten(piece);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fault ??= e;
                piece.Dispose();
            }
            finally
            {
                if (_inFlight.TryRemove(piece.Index, out var written))
                {
                    written.TrySetResult();
                }

                Interlocked.Add(ref _pendingBytes, -piece.Length);
                TaskCompletionSource freed;
                lock (_gate)
                {
                    freed = _spaceFreed;
                    _spaceFreed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                freed.TrySetResult();
            }
        }
    }
}
