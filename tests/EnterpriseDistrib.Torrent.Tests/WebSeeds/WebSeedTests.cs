using System.Collections.Immutable;
using System.Security.Cryptography;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Net;
using EnterpriseDistrib.Torrent.WebSeeds;
using Microsoft.Extensions.Time.Testing;

namespace EnterpriseDistrib.Torrent.Tests.WebSeeds;

public sealed class WebSeedTests : IDisposable
{
    private readonly HttpClient _http = BoundHttpClientFactory.CreateClient(null, TimeSpan.FromSeconds(30));

    private static readonly WebSeedOptions QuickRetries = new()
    {
        RetryBackoff = new RetryBackoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)),
        RequestTimeout = TimeSpan.FromSeconds(10),
        RandomSeed = 3,
    };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_piece_of_a_single_file_torrent_is_fetched_with_a_range_request()
    {
        var data = Bytes(100_000, 1);
        var content = SingleFile("big file.iso", data, pieceLength: 16384);
        await using var server = new RangeFileServer(new() { ["/big%20file.iso"] = data });
        var seed = new WebSeed(new Uri(server.BaseUri, "/"), _http, QuickRetries);
        var piece = new byte[16384];

        await seed.ReadPieceAsync(content, 2, piece, CancellationToken.None);

        Assert.Equal(data.AsSpan(32768, 16384).ToArray(), piece);
        var request = Assert.Single(server.TakeRequests());
        Assert.Equal("bytes=32768-49151", request.Headers["Range"]);
        Assert.Equal(16384, seed.BytesReceived);
    }

    [Fact]
    public async Task The_last_short_piece_is_fetched_whole()
    {
        var data = Bytes(40_000, 2);
        var content = SingleFile("f.bin", data, pieceLength: 16384);
        await using var server = new RangeFileServer(new() { ["/files/f.bin"] = data });
        var seed = new WebSeed(new Uri(server.BaseUri, "/files/f.bin"), _http, QuickRetries);
        var piece = new byte[16384];

        await seed.ReadPieceAsync(content, 2, piece, CancellationToken.None);

        Assert.Equal(data.AsSpan(32768).ToArray(), piece.AsSpan(0, 40_000 - 32768).ToArray());
    }

    [Fact]
    public async Task A_piece_spanning_several_files_is_assembled_from_one_request_per_file()
    {
        var a = Bytes(10_000, 3);
        var b = Bytes(3_000, 4);
        var c = Bytes(20_000, 5);
        var content = MultiFile("pack", 16384, (["pack", "a.msi"], a), (["pack", "empty"], []), (["pack", "sub dir", "b ü.cab"], b), (["pack", "c.bin"], c));
        await using var server = new RangeFileServer(new()
        {
            ["/seed/pack/a.msi"] = a,
            ["/seed/pack/sub%20dir/b%20%C3%BC.cab"] = b,
            ["/seed/pack/c.bin"] = c,
        });
        var seed = new WebSeed(new Uri(server.BaseUri, "/seed"), _http, QuickRetries);
        var piece = new byte[16384];

        await seed.ReadPieceAsync(content, 0, piece, CancellationToken.None);

        Assert.Equal([.. a, .. b, .. c.AsSpan(0, 16384 - 13_000)], piece);
        var requests = server.TakeRequests().Select(r => (r.Path, r.Headers["Range"])).ToArray();
        Assert.Equal(
            [("/seed/pack/a.msi", "bytes=0-9999"), ("/seed/pack/sub%20dir/b%20%C3%BC.cab", "bytes=0-2999"), ("/seed/pack/c.bin", "bytes=0-3383")],
            requests);
    }

    [Fact]
    public async Task A_server_that_ignores_Range_is_read_past_the_skip_when_the_skip_is_small()
    {
        var data = Bytes(50_000, 6);
        var content = SingleFile("f.bin", data, pieceLength: 16384);
        await using var server = new RangeFileServer(new() { ["/f.bin"] = data }, _ => Misbehavior.IgnoreRange);
        var seed = new WebSeed(new Uri(server.BaseUri, "/f.bin"), _http, QuickRetries);
        var piece = new byte[16384];

        await seed.ReadPieceAsync(content, 1, piece, CancellationToken.None);

        Assert.Equal(data.AsSpan(16384, 16384).ToArray(), piece);
        Assert.Equal(32768, seed.BytesReceived);
    }

    [Fact]
    public async Task A_server_that_ignores_Range_is_refused_when_the_skip_is_large()
    {
        var data = Bytes(50_000, 7);
        var content = SingleFile("f.bin", data, pieceLength: 16384);
        await using var server = new RangeFileServer(new() { ["/f.bin"] = data }, _ => Misbehavior.IgnoreRange);
        var seed = new WebSeed(new Uri(server.BaseUri, "/f.bin"), _http, QuickRetries with { MaxSkippedBytes = 10_000 });

        var error = await Assert.ThrowsAsync<WebSeedException>(() => seed.ReadPieceAsync(content, 1, new byte[16384], CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Contains("ignores Range", error.Problem, StringComparison.Ordinal);
        Assert.Single(server.TakeRequests());
    }

    [Theory]
    [InlineData(Misbehavior.WrongContentRange, "got Content-Range 'bytes 16385-32768/50000'")]
    [InlineData(Misbehavior.WrongTotalLength, "the file is 50001 bytes there, 50000 in the torrent")]
    [InlineData(Misbehavior.NotFound, "HTTP 404")]
    public async Task A_lying_or_missing_file_fails_at_once_without_retries(Misbehavior misbehavior, string problem)
    {
        var data = Bytes(50_000, 8);
        var content = SingleFile("f.bin", data, pieceLength: 16384);
        await using var server = new RangeFileServer(new() { ["/f.bin"] = data }, _ => misbehavior);
        var seed = new WebSeed(new Uri(server.BaseUri, "/f.bin"), _http, QuickRetries);

        var error = await Assert.ThrowsAsync<WebSeedException>(() => seed.ReadPieceAsync(content, 1, new byte[16384], CancellationToken.None));

        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
        Assert.Single(server.TakeRequests());
    }

    [Theory]
    [InlineData(Misbehavior.ShortBody, "the body ended after")]
    [InlineData(Misbehavior.ServerError, "HTTP 500")]
    public async Task A_transient_failure_is_retried_up_to_the_attempt_limit(Misbehavior misbehavior, string problem)
    {
        var data = Bytes(50_000, 9);
        var content = SingleFile("f.bin", data, pieceLength: 16384);
        await using var server = new RangeFileServer(new() { ["/f.bin"] = data }, _ => misbehavior);
        var seed = new WebSeed(new Uri(server.BaseUri, "/f.bin"), _http, QuickRetries with { MaxAttempts = 3 });

        var error = await Assert.ThrowsAsync<WebSeedException>(() => seed.ReadPieceAsync(content, 0, new byte[16384], CancellationToken.None));

        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
        Assert.Equal(3, server.TakeRequests().Count);
    }

    [Fact]
    public async Task A_read_succeeds_when_a_retry_gets_through()
    {
        var data = Bytes(50_000, 10);
        var content = SingleFile("f.bin", data, pieceLength: 16384);
        var calls = 0;
        await using var server = new RangeFileServer(new() { ["/f.bin"] = data }, _ => Interlocked.Increment(ref calls) <= 2 ? Misbehavior.ServerError : Misbehavior.Honest);
        var seed = new WebSeed(new Uri(server.BaseUri, "/f.bin"), _http, QuickRetries with { MaxAttempts = 3 });
        var piece = new byte[16384];

        await seed.ReadPieceAsync(content, 0, piece, CancellationToken.None);

        Assert.Equal(data.AsSpan(0, 16384).ToArray(), piece);
        Assert.Equal(3, server.TakeRequests().Count);
    }

    [Fact]
    public async Task A_stalled_body_times_out()
    {
        var data = Bytes(50_000, 11);
        var content = SingleFile("f.bin", data, pieceLength: 16384);
        await using var server = new RangeFileServer(new() { ["/f.bin"] = data }, _ => Misbehavior.Stall);
        var seed = new WebSeed(new Uri(server.BaseUri, "/f.bin"), _http, QuickRetries with { MaxAttempts = 1, RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<WebSeedException>(() => seed.ReadPieceAsync(content, 0, new byte[16384], CancellationToken.None));

        Assert.Contains("no complete answer within 0.3 s", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_seed_that_keeps_failing_rests_and_is_not_asked_meanwhile()
    {
        var data = Bytes(50_000, 12);
        var content = SingleFile("f.bin", data, pieceLength: 16384);
        await using var server = new RangeFileServer(new() { ["/f.bin"] = data }, _ => Misbehavior.ServerError);
        var time = new FakeTimeProvider();
        var options = QuickRetries with
        {
            MaxAttempts = 1,
            FailuresBeforeDisable = 2,
            DisableBackoff = new RetryBackoff(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), JitterFraction: 0),
        };
        var seed = new WebSeed(new Uri(server.BaseUri, "/f.bin"), _http, options, timeProvider: time);

        await Assert.ThrowsAsync<WebSeedException>(() => seed.ReadPieceAsync(content, 0, new byte[16384], CancellationToken.None));
        Assert.True(seed.IsAvailable);
        await Assert.ThrowsAsync<WebSeedException>(() => seed.ReadPieceAsync(content, 0, new byte[16384], CancellationToken.None));
        Assert.False(seed.IsAvailable);
        var resting = await Assert.ThrowsAsync<WebSeedException>(() => seed.ReadPieceAsync(content, 0, new byte[16384], CancellationToken.None));

        Assert.Contains("resting", resting.Problem, StringComparison.Ordinal);
        Assert.Equal(2, server.TakeRequests().Count);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(1), seed.DisabledUntil);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(seed.IsAvailable);
    }

    [Fact]
    public void Single_file_urls_follow_BEP_19()
    {
        var content = SingleFile("my file.bin", Bytes(10, 13), 16384);
        var file = content.Layout.Files[0];

        Assert.Equal("http://h/dl/x.bin", WebSeedUrls.GetFileUri(new Uri("http://h/dl/x.bin"), content, file).AbsoluteUri);
        Assert.Equal("http://h/dl/my%20file.bin", WebSeedUrls.GetFileUri(new Uri("http://h/dl/"), content, file).AbsoluteUri);
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static WebSeedContent SingleFile(string name, byte[] data, int pieceLength) =>
        new(name, false, Layout(pieceLength, ([name], data)));

    private static WebSeedContent MultiFile(string name, int pieceLength, params (string[] Path, byte[] Data)[] files) =>
        new(name, true, Layout(pieceLength, files));

    private static ContentLayout Layout(int pieceLength, params (string[] Path, byte[] Data)[] files)
    {
        var entries = ImmutableArray.CreateBuilder<FileEntry>();
        var offset = 0L;
        foreach (var (path, data) in files)
        {
            entries.Add(new FileEntry([.. path], data.Length, offset));
            offset += data.Length;
        }

        var all = files.SelectMany(f => f.Data).ToArray();
        var hashes = all.Chunk(pieceLength).SelectMany(SHA1.HashData).ToArray();
        return new ContentLayout(pieceLength, entries.ToImmutable(), hashes);
    }
}
