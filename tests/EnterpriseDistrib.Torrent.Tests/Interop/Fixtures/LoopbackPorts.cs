using System.Net;
using System.Net.Sockets;

namespace EnterpriseDistrib.Torrent.Tests.Interop.Fixtures;

/// <summary>Finds ports free on a loopback address, for processes that must be told their port up front.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// A TCP port nothing listens on at <paramref name="address"/> right now. Another process could take it before
    /// the caller binds it; the fixtures accept that small race rather than hard-coding ports.
    /// </summary>
    public static int GetFreeTcpPort(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A port free for both TCP and UDP at <paramref name="address"/> (trackers and clients that listen on both).</summary>
    public static int GetFreeTcpAndUdpPort(IPAddress address)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = GetFreeTcpPort(address);
            try
            {
                using var udp = new UdpClient(new IPEndPoint(address, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP; try another.
            }
        }

        throw new InvalidOperationException($"No port free for both TCP and UDP on {address}.");
    }
}
