using System.Net;
using EnterpriseDistrib.Torrent.Net;

namespace EnterpriseDistrib.Torrent.Tests.Net;

public sealed class BoundHttpClientFactoryTests
{
    [Fact]
    public async Task A_request_leaves_from_the_bound_loopback_address()
    {
        await using var server = new LoopbackHttpServer((_, stream, ct) => LoopbackHttpServer.WriteAsync(stream, 200, "ok"u8.ToArray(), ct));
        using var client = BoundHttpClientFactory.CreateClient(IPAddress.Parse("127.0.0.23"));

        var body = await client.GetStringAsync(new Uri(server.BaseUri, "announce"));

        var request = await server.NextRequestAsync();
        Assert.Equal("ok", body);
        Assert.Equal(IPAddress.Parse("127.0.0.23"), request.RemoteEndPoint.Address);
    }

    [Fact]
    public async Task Two_clients_bound_to_different_addresses_are_told_apart_by_the_server()
    {
        await using var server = new LoopbackHttpServer((_, stream, ct) => LoopbackHttpServer.WriteAsync(stream, 200, "ok"u8.ToArray(), ct));
        using var first = BoundHttpClientFactory.CreateClient(IPAddress.Parse("127.0.0.31"));
        using var second = BoundHttpClientFactory.CreateClient(IPAddress.Parse("127.0.0.32"));

        await first.GetStringAsync(server.BaseUri);
        var a = await server.NextRequestAsync();
        await second.GetStringAsync(server.BaseUri);
        var b = await server.NextRequestAsync();

        Assert.Equal(IPAddress.Parse("127.0.0.31"), a.RemoteEndPoint.Address);
        Assert.Equal(IPAddress.Parse("127.0.0.32"), b.RemoteEndPoint.Address);
    }

    [Fact]
    public async Task A_peer_connection_leaves_from_the_bound_address()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accept = listener.AcceptSocketAsync();

        using var socket = await BoundSocketConnector.ConnectAsync((IPEndPoint)listener.LocalEndpoint, IPAddress.Parse("127.0.0.24"), CancellationToken.None);
        using var accepted = await accept.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(IPAddress.Parse("127.0.0.24"), ((IPEndPoint)accepted.RemoteEndPoint!).Address);
        Assert.True(socket.NoDelay);
    }
}
