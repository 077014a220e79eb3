using System.Net;
using System.Net.Sockets;
using EnterpriseDistrib.Torrent.Wire;
using ProtocolViolationException = EnterpriseDistrib.Torrent.Wire.ProtocolViolationException;

namespace EnterpriseDistrib.Torrent.Swarm.Connections;

/// <summary>
/// Accepts peer connections on the engine's address, reads each handshake (within a timeout) and hands
/// the connection to whoever serves the info-hash it names.
/// </summary>
internal sealed class PeerListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly TimeSpan _handshakeTimeout;
    private readonly Func<PeerSocket, Handshake, Task> _route;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private int _disposed;

    public PeerListener(IPEndPoint endPoint, TimeSpan handshakeTimeout, Func<PeerSocket, Handshake, Task> route)
    {
        _handshakeTimeout = handshakeTimeout;
        _route = route;
        _socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _socket.Bind(endPoint);
            _socket.Listen(256);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    public void Start() => _loop ??= Task.Run(() => AcceptLoopAsync(_stopping.Token));

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            _ = HandshakeAsync(PeerSocket.FromAccepted(accepted), cancellationToken);
        }
    }

    private async Task HandshakeAsync(PeerSocket socket, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_handshakeTimeout);
            var handshake = await socket.ReceiveHandshakeAsync(timeout.Token).ConfigureAwait(false);
            await _route(socket, handshake).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ProtocolViolationException or IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            await socket.DisposeAsync().ConfigureAwait(false);
        }
    }
}
