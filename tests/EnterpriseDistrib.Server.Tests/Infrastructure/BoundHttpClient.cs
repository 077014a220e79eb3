using System.Net;
using System.Net.Sockets;

namespace EnterpriseDistrib.Server.Tests.Infrastructure;

/// <summary>An HttpClient whose connections leave from a chosen loopback address, so the server sees that address (a simulated site).</summary>
internal static class BoundHttpClient
{
    public static HttpClient Create(Uri baseAddress, IPAddress localAddress)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(localAddress, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }
}
