using System.Net;
using System.Net.Sockets;

namespace EnterpriseDistrib.Torrent.Net;

/// <summary>
/// Builds <see cref="HttpClient"/>s whose connections leave from a given local address, for tracker announces and
/// web-seed requests that the tracker must attribute to the engine's site address.
/// </summary>
public static class BoundHttpClientFactory
{
    /// <summary>
    /// A handler that binds each new connection to <paramref name="localAddress"/> (null = let the OS choose) before
    /// connecting. Proxies are off: a proxy would make the tracker see the proxy's address instead of ours.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(IPAddress? localAddress, TimeSpan? connectTimeout = null) => new()
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context, localAddress, cancellationToken),
    };

    /// <summary>A client over <see cref="CreateHandler"/>; <paramref name="timeout"/> bounds each whole request.</summary>
    public static HttpClient CreateClient(IPAddress? localAddress, TimeSpan? timeout = null) =>
        new(CreateHandler(localAddress), disposeHandler: true)
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };

    private static async ValueTask<Stream> ConnectAsync(
        SocketsHttpConnectionContext context, IPAddress? localAddress, CancellationToken cancellationToken)
    {
        var endPoints = await ResolveAsync(context.DnsEndPoint, localAddress, cancellationToken).ConfigureAwait(false);
        Exception? last = null;
        foreach (var remote in endPoints)
        {
            try
            {
                var socket = await BoundSocketConnector.ConnectAsync(remote, localAddress, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                last = ex;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    // Only addresses of the bound address's family can be reached from it.
    private static async ValueTask<IPEndPoint[]> ResolveAsync(DnsEndPoint target, IPAddress? localAddress, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(target.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(target.Host, cancellationToken).ConfigureAwait(false);
        return [.. addresses
            .Where(a => localAddress is null || a.AddressFamily == localAddress.AddressFamily)
            .Select(a => new IPEndPoint(a, target.Port))];
    }
}
