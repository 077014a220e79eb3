using System.Net;
using System.Net.Sockets;

namespace EnterpriseDistrib.Torrent.Net;

/// <summary>
/// Opens outgoing TCP connections from a chosen local address, so every connection of an engine leaves from the
/// 127.x.y.z address that stands for its site (CORRECTIONS.md, "what bind covers").
/// </summary>
public static class BoundSocketConnector
{
    /// <summary>
    /// Connects to <paramref name="remote"/> from <paramref name="localAddress"/> (any port), or from the address the
    /// OS picks when it is null. The returned socket has Nagle off; the caller owns it.
    /// </summary>
    public static async ValueTask<Socket> ConnectAsync(IPEndPoint remote, IPAddress? localAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (localAddress is not null)
            {
                if (localAddress.AddressFamily != remote.AddressFamily)
                {
                    throw new ArgumentException(
                        $"Cannot reach {remote} ({remote.AddressFamily}) from {localAddress} ({localAddress.AddressFamily}).",
                        nameof(localAddress));
                }

                socket.Bind(new IPEndPoint(localAddress, 0));
            }

            await socket.ConnectAsync(remote, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
