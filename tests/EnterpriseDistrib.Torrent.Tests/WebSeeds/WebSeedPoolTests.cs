using System.Collections.Immutable;
using System.Net;
using System.Security.Cryptography;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Net;
using EnterpriseDistrib.Torrent.WebSeeds;

namespace EnterpriseDistrib.Torrent.Tests.WebSeeds;

public sealed class WebSeedPoolTests
{
    private static readonly WebSeedOptions Options = new()
    {
        MaxAttempts = 1,
        FailuresBeforeDisable = 1,
        RetryBackoff = new RetryBackoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)),
    };

    [Fact]
    public async Task A_failing_seed_is_passed_over_and_the_bytes_are_credited_to_the_one_that_served_them()
    {
        var data = new byte[20_000];
        new Random(1).NextBytes(data);
        var content = new WebSeedContent("f.bin", false, new ContentLayout(
            16384, [new FileEntry(["f.bin"], data.Length, 0)], data.Chunk(16384).SelectMany(SHA1.HashData).ToArray()));
        await using var broken = new RangeFileServer(new() { ["/f.bin"] = data }, _ => Misbehavior.ServerError);
        await using var working = new RangeFileServer(new() { ["/f.bin"] = data });
        using var http = BoundHttpClientFactory.CreateClient(IPAddress.Parse("127.0.0.27"));
        var pool = new WebSeedPool([new WebSeed(new Uri(broken.BaseUri, "/f.bin"), http, Options), new WebSeed(new Uri(working.BaseUri, "/f.bin"), http, Options)]);
        var first = new byte[16384];
        var second = new byte[20_000 - 16384];

        var servedFirst = await pool.ReadAsync(content, 0, first, CancellationToken.None);
        var servedSecond = await pool.ReadAsync(content, 16384, second, CancellationToken.None);

        Assert.Equal(data, (byte[])[.. first, .. second]);
        Assert.Same(pool.Seeds[1], servedFirst);
        Assert.Same(pool.Seeds[1], servedSecond);
        Assert.Equal(20_000, pool.Seeds[1].BytesReceived);
        Assert.Equal(0, pool.Seeds[0].BytesReceived);
        Assert.False(pool.Seeds[0].IsAvailable);
        Assert.All(working.TakeRequests(), r => Assert.Equal(IPAddress.Parse("127.0.0.27"), r.RemoteEndPoint.Address));
    }
}
