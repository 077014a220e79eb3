using System.Net;
using System.Net.Sockets;
using System.Text;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Net;
using EnterpriseDistrib.Torrent.Tests.Interop.Fixtures;
using EnterpriseDistrib.Torrent.Tests.Net;
using EnterpriseDistrib.Torrent.Tracker;

namespace EnterpriseDistrib.Torrent.Tests.Tracker;

public sealed class HttpTrackerClientTests
{
    private static readonly InfoHash Hash = InfoHash.ParseHex("0123456789abcdef00ff7f80202526273a3f4041");
    private static readonly byte[] PeerId = [.. "-ED0001-"u8, 0, 1, 2, 0xFF, .. " %&+/?#~"u8];

    private static AnnounceRequest Request(AnnounceEvent announceEvent = AnnounceEvent.None) =>
        new(Hash, PeerId, 6881) { Event = announceEvent, Left = 1000, Downloaded = 5, Uploaded = 7 };

    private static Task Reply(Stream stream, string latin1, CancellationToken ct) =>
        LoopbackHttpServer.WriteAsync(stream, 200, Encoding.Latin1.GetBytes(latin1), ct, "Content-Type: text/plain");

    [Fact]
    public async Task The_tracker_receives_the_binary_info_hash_and_peer_id_byte_for_byte()
    {
        await using var server = new LoopbackHttpServer((_, s, ct) => Reply(s, "d8:intervali60e5:peers0:e", ct));
        var client = new HttpTrackerClient(BoundHttpClientFactory.CreateClient(null));

        await client.AnnounceAsync(new Uri(server.BaseUri, "announce"), Request(AnnounceEvent.Started), CancellationToken.None);

        var request = await server.NextRequestAsync();
        Assert.Equal("/announce", request.Path);
        Assert.Equal(Hash.ToArray(), DecodePercent(request.RawQueryValue("info_hash")!));
        Assert.Equal(PeerId, DecodePercent(request.RawQueryValue("peer_id")!));
        Assert.Equal("1", request.RawQueryValue("compact"));
        Assert.Equal("started", request.RawQueryValue("event"));
        Assert.Equal("1000", request.RawQueryValue("left"));
        Assert.Equal("6881", request.RawQueryValue("port"));
        Assert.Equal("close", request.Headers["Connection"]);
    }

    [Fact]
    public async Task An_announce_leaves_from_the_engines_bound_address()
    {
        await using var server = new LoopbackHttpServer((_, s, ct) => Reply(s, "d8:intervali60e5:peers0:e", ct));
        using var http = BoundHttpClientFactory.CreateClient(IPAddress.Parse("127.0.0.23"));
        var client = new HttpTrackerClient(http);

        await client.AnnounceAsync(new Uri(server.BaseUri, "announce"), Request(AnnounceEvent.Started), CancellationToken.None);

        Assert.Equal(IPAddress.Parse("127.0.0.23"), (await server.NextRequestAsync()).RemoteEndPoint.Address);
    }

    [Fact]
    public async Task An_answer_with_peers_and_a_warning_is_returned_whole()
    {
        await using var server = new LoopbackHttpServer((_, s, ct) =>
            Reply(s, "d8:intervali120e5:peers6:\u007f\u0000\u0000\u0009\u001a\u00e115:warning message4:hmm!e", ct));
        var client = new HttpTrackerClient(BoundHttpClientFactory.CreateClient(null));

        var response = await client.AnnounceAsync(new Uri(server.BaseUri, "announce"), Request(), CancellationToken.None);

        Assert.Equal(["127.0.0.9:6881"], response.Peers.Select(p => p.ToString()));
        Assert.Equal("hmm!", response.WarningMessage);
        Assert.Equal(TimeSpan.FromSeconds(120), response.Interval);
    }

    [Fact]
    public async Task A_failure_reason_surfaces_as_a_typed_refusal()
    {
        await using var server = new LoopbackHttpServer((_, s, ct) => Reply(s, "d14:failure reason11:not allowede", ct));
        var client = new HttpTrackerClient(BoundHttpClientFactory.CreateClient(null));
        var url = new Uri(server.BaseUri, "announce");

        var error = await Assert.ThrowsAsync<TrackerFailureException>(() => client.AnnounceAsync(url, Request(), CancellationToken.None));

        Assert.Equal("not allowed", error.FailureReason);
        Assert.Equal(url, error.TrackerUrl);
    }

    [Fact]
    public async Task An_answer_declaring_more_than_the_cap_is_refused_before_reading_it()
    {
        await using var server = new LoopbackHttpServer((_, s, ct) =>
            LoopbackHttpServer.WriteAsync(s, 200, new byte[10], contentLength: 2L * 1024 * 1024, ct));
        var client = new HttpTrackerClient(BoundHttpClientFactory.CreateClient(null));

        var error = await Assert.ThrowsAsync<TrackerProtocolException>(
            () => client.AnnounceAsync(new Uri(server.BaseUri, "announce"), Request(), CancellationToken.None));

        Assert.Contains("declares 2097152 bytes", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endless_answer_without_a_length_is_cut_at_the_cap()
    {
        await using var server = new LoopbackHttpServer(async (_, s, ct) =>
        {
            await s.WriteAsync("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nd8:intervali60e5:peers999999999:"u8.ToArray(), ct);
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < 64; i++)
            {
                await s.WriteAsync(chunk, ct);
            }
        });
        var client = new HttpTrackerClient(BoundHttpClientFactory.CreateClient(null), new TrackerClientOptions { MaxResponseBytes = 100_000 });

        var error = await Assert.ThrowsAsync<TrackerProtocolException>(
            () => client.AnnounceAsync(new Uri(server.BaseUri, "announce"), Request(), CancellationToken.None));

        Assert.Contains("more than the 100000 bytes", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silent_tracker_times_out_as_unreachable()
    {
        using var silence = new CancellationTokenSource();
        await using var server = new LoopbackHttpServer((_, _, ct) => Task.Delay(Timeout.Infinite, ct));
        var client = new HttpTrackerClient(BoundHttpClientFactory.CreateClient(null), new TrackerClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<TrackerUnreachableException>(
            () => client.AnnounceAsync(new Uri(server.BaseUri, "announce"), Request(), CancellationToken.None));

        Assert.Contains("no answer within 0.3 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_HTTP_error_status_is_unreachable_not_a_refusal()
    {
        await using var server = new LoopbackHttpServer((_, s, ct) => LoopbackHttpServer.WriteAsync(s, 503, "busy"u8.ToArray(), ct));
        var client = new HttpTrackerClient(BoundHttpClientFactory.CreateClient(null));

        var error = await Assert.ThrowsAsync<TrackerUnreachableException>(
            () => client.AnnounceAsync(new Uri(server.BaseUri, "announce"), Request(), CancellationToken.None));

        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_is_unreachable()
    {
        var port = LoopbackPorts.GetFreeTcpPort(IPAddress.Loopback);
        var client = new HttpTrackerClient(BoundHttpClientFactory.CreateClient(null));

        await Assert.ThrowsAsync<TrackerUnreachableException>(
            () => client.AnnounceAsync(new Uri($"http://127.0.0.1:{port}/announce"), Request(), CancellationToken.None));
    }

    [Fact]
    public async Task Garbage_instead_of_bencode_is_a_protocol_error()
    {
        await using var server = new LoopbackHttpServer((_, s, ct) => Reply(s, "<html>hello</html>", ct));
        var client = new HttpTrackerClient(BoundHttpClientFactory.CreateClient(null));

        await Assert.ThrowsAsync<TrackerProtocolException>(
            () => client.AnnounceAsync(new Uri(server.BaseUri, "announce"), Request(), CancellationToken.None));
    }

    [Fact]
    public async Task A_scrape_goes_to_the_derived_url_and_keeps_the_passkey()
    {
        var hex = Hash.ToHex();
        await using var server = new LoopbackHttpServer((_, s, ct) =>
            LoopbackHttpServer.WriteAsync(s, 200, (byte[])[.. "d5:filesd20:"u8, .. Hash.ToArray(), .. "d8:completei1e10:downloadedi2e10:incompletei3eeee"u8], ct));
        var client = new HttpTrackerClient(BoundHttpClientFactory.CreateClient(null));

        var response = await client.ScrapeAsync(new Uri(server.BaseUri, "announce/k3y?site=4"), [Hash], CancellationToken.None);

        var request = await server.NextRequestAsync();
        Assert.Equal("/scrape/k3y", request.Path);
        Assert.Equal("4", request.RawQueryValue("site"));
        Assert.Equal(Hash.ToArray(), DecodePercent(request.RawQueryValue("info_hash")!));
        Assert.Equal(new ScrapeStatistics(1, 2, 3), response.Files[Hash]);
        Assert.Equal(hex, response.Files.Keys.Single().ToHex());
    }

    private static byte[] DecodePercent(string encoded)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < encoded.Length; i++)
        {
            if (encoded[i] == '%')
            {
                bytes.Add(Convert.ToByte(encoded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                Assert.True(char.IsAsciiLetterOrDigit(encoded[i]) || encoded[i] is '-' or '.' or '_' or '~', $"'{encoded[i]}' sent unencoded");
                bytes.Add((byte)encoded[i]);
            }
        }

        return [.. bytes];
    }
}
