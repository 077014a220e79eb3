using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using EnterpriseDistrib.Torrent.Net;

namespace EnterpriseDistrib.Torrent.Wire;

/// <summary>
/// One TCP connection to a peer as a pair of pipes, with the handshake and the frame read loop. Outgoing
/// connections bind the engine's local address first, so a peer sees us at our site's address.
/// </summary>
public sealed class PeerSocket : IAsyncDisposable
{
    private const int ReadBufferSize = 256 * 1024;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private int _disposed;

    private PeerSocket(Socket socket)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Input = PipeReader.Create(_stream, new StreamPipeReaderOptions(MemoryPool<byte>.Shared, ReadBufferSize, minimumReadSize: 16 * 1024, leaveOpen: true));
        Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(MemoryPool<byte>.Shared, minimumBufferSize: 256 * 1024, leaveOpen: true));
        RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint!;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public PipeReader Input { get; }

    /// <summary>Not thread-safe: one writer at a time (the connection's send loop).</summary>
    public PipeWriter Output { get; }

    public IPEndPoint RemoteEndPoint { get; }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Wraps a socket a listener accepted.</summary>
    public static PeerSocket FromAccepted(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return new PeerSocket(socket);
    }

    /// <summary>Connects to <paramref name="remote"/>, first binding <paramref name="localAddress"/> (port 0) when given (null: the OS picks).</summary>
    public static async Task<PeerSocket> ConnectAsync(IPEndPoint remote, IPAddress? localAddress, CancellationToken cancellationToken)
    {
        // Net/BoundSocketConnector binds the local address (port 0) before connecting.
        var socket = await BoundSocketConnector.ConnectAsync(remote, localAddress, cancellationToken).ConfigureAwait(false);
        return new PeerSocket(socket);
    }

    /// <summary>
    /// Sends several buffers in one gathered write straight from where they are (e.g. cached pieces),
    /// without copying them into <see cref="Output"/>. Flush <see cref="Output"/> first: this bypasses it.
    /// </summary>
    public async ValueTask SendGatheredAsync(IList<ArraySegment<byte>> buffers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        var remaining = 0L;
        foreach (var buffer in buffers)
        {
            remaining += buffer.Count;
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Not cancelled by the token: the buffers must outlive the send. Abort() ends a stuck one.
        var sent = await _socket.SendAsync(buffers, SocketFlags.None).ConfigureAwait(false);
        if (sent < remaining)
        {
            // A blocking socket sends everything; anything else means the connection broke mid-write.
            throw new IOException($"The peer connection took {sent} of {remaining} bytes.");
        }
    }

    public async ValueTask SendHandshakeAsync(Handshake handshake, CancellationToken cancellationToken)
    {
        var span = Output.GetSpan(Handshake.Length);
        Output.Advance(handshake.Encode(span));
        await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the peer's 68-byte handshake; ends with <see cref="ProtocolViolationException"/> if the stream ends or is not one.</summary>
    public async ValueTask<Handshake> ReceiveHandshakeAsync(CancellationToken cancellationToken)
    {
        var bytes = new byte[Handshake.Length];
        while (true)
        {
            var result = await Input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var consumed = buffer.Start;
            var examined = buffer.End;
            try
            {
                var available = (int)Math.Min(buffer.Length, Handshake.Length);
                buffer.Slice(0, available).CopyTo(bytes);
                if (Handshake.TryDecode(bytes.AsSpan(0, available), out var handshake, out var used))
                {
                    // Frames after the handshake may already be here: mark only the handshake examined,
                    // or the next read would wait for more bytes while they sit unread.
                    consumed = examined = buffer.GetPosition(used);
                    return handshake;
                }

                if (result.IsCompleted)
                {
                    throw new ProtocolViolationException($"The connection closed after {buffer.Length} bytes of the handshake.");
                }
            }
            finally
            {
                Input.AdvanceTo(consumed, examined);
            }
        }
    }

    /// <summary>
    /// Reads frames until the peer closes, the token is cancelled or the handler throws. Every declared
    /// length is checked by <see cref="FrameReader"/> before its bytes are waited for.
    /// </summary>
    public async Task ReadFramesAsync(FrameLimits limits, IFrameHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        while (true)
        {
            await handler.BeforeReadAsync(cancellationToken).ConfigureAwait(false);
            var result = await Input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                while (FrameReader.TryRead(ref buffer, limits, out var frame))
                {
                    handler.OnFrame(frame);
                }

                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty)
                    {
                        throw new ProtocolViolationException($"The connection closed inside a frame ({buffer.Length} bytes left over).");
                    }

                    return;
                }
            }
            finally
            {
                // Consumed up to the last whole frame; examined all, so the next read waits for more bytes.
                Input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    /// <summary>Shuts the connection down at once, failing any send or receive in progress.</summary>
    public void Abort()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer; nothing to say goodbye to.
        }

        await Input.CompleteAsync().ConfigureAwait(false);
        try
        {
            // Completing the writer flushes what is left; the peer may be gone already.
            await Output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
