using System.Net;

namespace EnterpriseDistrib.Server.Tracker;

/// <summary>
/// The address a peer is reached at: the connection's, never a client-supplied <c>ip=</c>. Only when the connection
/// comes from a configured trusted proxy is X-Forwarded-For read, from the right, skipping trusted proxies: the last
/// hop no trusted proxy vouches for is the client.
/// </summary>
internal static class PeerAddress
{
    public static IPAddress? Of(HttpContext http, TrackerOptions options)
    {
        if (http.Connection.RemoteIpAddress is not { } remote)
        {
            return null;
        }

        var address = TrackerOptions.Normalize(remote);
        if (!options.TrustedProxyAddresses.Contains(address))
        {
            return address;
        }

        var hops = http.Request.Headers["X-Forwarded-For"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
        for (var i = hops.Length - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(hops[i], out var hop))
            {
                return null;
            }

            hop = TrackerOptions.Normalize(hop);
            if (!options.TrustedProxyAddresses.Contains(hop))
            {
                return hop;
            }
        }

        return null;
    }
}
