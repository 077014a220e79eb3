using System.Net;
using System.Net.Sockets;

namespace EnterpriseDistrib.Cluster.Tests.Silos;

/// <summary>A silo's two loopback ports: silo-to-silo and client gateway. Kept to restart a silo on the same endpoint.</summary>
public sealed record SiloEndpoint(int SiloPort, int GatewayPort)
{
    /// <summary>Two ports free on 127.0.0.1 right now (the OS hands them out; a clash later is possible but rare).</summary>
    public static SiloEndpoint Free() => new(FreePort(), FreePort());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
