using System.Buffers;
using System.Threading.Channels;
using EnterpriseDistrib.Torrent.Swarm.Uploads;
using EnterpriseDistrib.Torrent.Wire;
using EnterpriseDistrib.Torrent.Wire.Messages;

namespace EnterpriseDistrib.Torrent.Swarm.Connections;

/// <summary>
/// The single writer of one peer's socket: control messages from any thread are encoded into an outbox,
/// and a loop writes the outbox and the blocks the peer asked for (read from storage straight into the
/// socket's pipe buffer), flushing once per batch.
/// </summary>
internal sealed class PeerSender(PeerConnection peer, PeerSocket socket, TorrentSwarm session)
{
    /// <summary>Blocks per gathered write: about 1 MiB, enough to fill the socket without long waits.</summary>
    private const int BlocksPerFlush = 64;

    private readonly Lock _gate = new();
    private readonly ArrayBufferWriter<byte> _outbox = new(4096);
    private readonly LinkedList<BlockRequest> _uploads = new();
    private readonly Channel<bool> _signal = PeerConnection.CreateSignal();
    private long _lastSentTicks = Environment.TickCount64;

    public long LastSentTicks => Interlocked.Read(ref _lastSentTicks);

    public int QueuedUploads
    {
        get { lock (_gate) { return _uploads.Count; } }
    }

    /// <summary>Queues one control message; it goes out with the next batch.</summary>
    public void Enqueue<T>(T message)
        where T : IWireMessage<T>
    {
        lock (_gate)
        {
            _outbox.Advance(message.Encode(_outbox.GetSpan(message.EncodedLength)));
        }

        _signal.Writer.TryWrite(true);
    }

    /// <summary>Queues several requests at once (a pipeline refill) under one lock and one wake-up.</summary>
    public void EnqueueRequests(List<BlockRequest> requests, int start)
    {
        if (requests.Count <= start)
        {
            return;
        }

        lock (_gate)
        {
            for (var i = start; i < requests.Count; i++)
            {
                var message = new RequestMessage(requests[i]);
                _outbox.Advance(message.Encode(_outbox.GetSpan(RequestMessage.Size)));
            }
        }

        _signal.Writer.TryWrite(true);
    }

    public bool TryQueueUpload(BlockRequest request, int limit)
    {
        lock (_gate)
        {
            if (_uploads.Count >= limit)
            {
                return false;
            }

            _uploads.AddLast(request);
        }

        _signal.Writer.TryWrite(true);
        return true;
    }

    /// <summary>BEP 3 <c>cancel</c>: drop the request if it has not been sent yet.</summary>
    public void Cancel(BlockRequest request)
    {
        lock (_gate)
        {
            _uploads.Remove(request);
        }
    }

    /// <summary>We choked the peer: BEP 6 says pending requests are rejected explicitly; BEP 3 drops them.</summary>
    public void DropUploads()
    {
        List<BlockRequest> dropped;
        lock (_gate)
        {
            dropped = [.. _uploads];
            _uploads.Clear();
        }

        if (peer.SupportsFast)
        {
            foreach (var request in dropped)
            {
                Enqueue(new RejectRequestMessage(request));
            }
        }
    }

    public void Wake() => _signal.Writer.TryWrite(true);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var output = socket.Output;
        var reader = _signal.Reader;
        var headers = new byte[BlocksPerFlush * PieceHeader.Size];
        var segments = new List<ArraySegment<byte>>(BlocksPerFlush * 2);
        var leases = new List<PieceReadCache.Lease>();
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            reader.TryRead(out _);
            while (true)
            {
                // Control messages first (through the pipe), then a batch of blocks sent straight from
                // the cached pieces in one gathered write: no copy of block bytes in user space.
                var wrote = WriteOutbox(output);
                if (wrote)
                {
                    var flushed = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    if (flushed.IsCompleted || flushed.IsCanceled)
                    {
                        return;
                    }
                }

                try
                {
                    while (segments.Count < BlocksPerFlush * 2 && TryTakeUpload(out var request))
                    {
                        var paid = session.UploadLimiter.WaitAsync(request.Length, cancellationToken);
                        if (!paid.IsCompleted && segments.Count > 0)
                        {
                            // The limiter makes us wait: send what is already paid for first, or a slow limit would
                            // hold a whole batch back until the peer gives up on its requests.
                            await SendBatchAsync(segments, leases, cancellationToken).ConfigureAwait(false);
                        }

                        await paid.ConfigureAwait(false);
                        if (leases.Count == 0 || leases[^1].Piece != request.PieceIndex)
                        {
                            leases.Add(await session.ReadCache.AcquireAsync(request.PieceIndex, cancellationToken).ConfigureAwait(false));
                        }

                        var header = new ArraySegment<byte>(headers, segments.Count / 2 * PieceHeader.Size, PieceHeader.Size);
                        new PieceHeader(request.PieceIndex, request.Offset, request.Length).Encode(header);
                        segments.Add(header);
                        segments.Add(leases[^1].Slice(request.Offset, request.Length));
                    }

                    if (segments.Count == 0)
                    {
                        if (!wrote)
                        {
                            break;
                        }

                        continue;
                    }

                    await SendBatchAsync(segments, leases, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    ReleaseBatch(segments, leases);
                }

                Interlocked.Exchange(ref _lastSentTicks, Environment.TickCount64);
            }
        }
    }

    /// <summary>Sends the batched blocks in one gathered write and lets their pieces go.</summary>
    private async Task SendBatchAsync(List<ArraySegment<byte>> segments, List<PieceReadCache.Lease> leases, CancellationToken cancellationToken)
    {
        await socket.SendGatheredAsync(segments, cancellationToken).ConfigureAwait(false);
        for (var i = 1; i < segments.Count; i += 2)
        {
            session.Counters.AddSent(peer.Counter, segments[i].Count);
        }

        ReleaseBatch(segments, leases);
    }

    private static void ReleaseBatch(List<ArraySegment<byte>> segments, List<PieceReadCache.Lease> leases)
    {
        foreach (var lease in leases)
        {
            lease.Dispose();
        }

        leases.Clear();
        segments.Clear();
    }

    private bool WriteOutbox(System.IO.Pipelines.PipeWriter output)
    {
        lock (_gate)
        {
            if (_outbox.WrittenCount == 0)
            {
                return false;
            }

            output.Write(_outbox.WrittenSpan);
            _outbox.ResetWrittenCount();
            return true;
        }
    }

    private bool TryTakeUpload(out BlockRequest request)
    {
        lock (_gate)
        {
            if (_uploads.First is { } first)
            {
                request = first.Value;
                _uploads.RemoveFirst();
                return true;
            }
        }

        request = default;
        return false;
    }
}
