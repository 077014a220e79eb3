using EnterpriseDistrib.Torrent.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace EnterpriseDistrib.Torrent.Tests.Throttling;

public sealed class TokenBucketTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_full_bucket_lets_its_burst_pass_at_once()
    {
        using var bucket = new TokenBucket(1000, 1000, _time);

        Assert.True(bucket.WaitAsync(600, CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(bucket.WaitAsync(400, CancellationToken.None).IsCompletedSuccessfully);
        Assert.False(bucket.WaitAsync(1, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task A_waiter_is_released_exactly_when_enough_tokens_have_accrued()
    {
        using var bucket = new TokenBucket(1000, 1000, _time);
        Assert.True(bucket.WaitAsync(1000, CancellationToken.None).IsCompletedSuccessfully);

        var wait = bucket.WaitAsync(500, CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(wait.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Waiters_are_served_in_arrival_order()
    {
        using var bucket = new TokenBucket(100, 100, _time);
        Assert.True(bucket.WaitAsync(100, CancellationToken.None).IsCompletedSuccessfully);

        var first = bucket.WaitAsync(100, CancellationToken.None).AsTask();
        var second = bucket.WaitAsync(10, CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(second.IsCompleted); // 50 tokens would cover it, but it queues behind the first.
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await first.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await second.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void The_long_run_rate_holds_for_requests_larger_than_the_burst()
    {
        using var bucket = new TokenBucket(1000, 100, _time);
        var passed = 0L;
        var start = _time.GetUtcNow();
        for (var i = 0; i < 10; i++)
        {
            var wait = bucket.WaitAsync(1000, CancellationToken.None).AsTask();
            while (!wait.IsCompleted)
            {
                _time.Advance(TimeSpan.FromMilliseconds(10));
            }

            passed += 1000;
        }

        // 10,000 bytes at 1,000 B/s: the first 1,000 ride on the initial 100-byte bucket plus debt, the rest are paid for.
        var elapsed = _time.GetUtcNow() - start;
        Assert.InRange(elapsed.TotalSeconds, 8.9, 9.1);
        Assert.Equal(10_000, passed);
    }

    [Fact]
    public async Task Raising_the_rate_wakes_a_waiter_promptly()
    {
        using var bucket = new TokenBucket(10, 10, _time);
        Assert.True(bucket.WaitAsync(10, CancellationToken.None).IsCompletedSuccessfully);
        var wait = bucket.WaitAsync(1000, CancellationToken.None).AsTask();

        bucket.SetRate(10_000, 10_000);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(wait.IsCompleted); // 10 tokens accrue per millisecond now; it needs 1,000 (the old 10-byte burst capped it)

        _time.Advance(TimeSpan.FromMilliseconds(100));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Setting_the_rate_to_zero_releases_every_waiter()
    {
        using var bucket = new TokenBucket(1, 1, _time);
        Assert.True(bucket.WaitAsync(1, CancellationToken.None).IsCompletedSuccessfully);
        var waits = Enumerable.Range(0, 3).Select(_ => bucket.WaitAsync(1_000_000, CancellationToken.None).AsTask()).ToArray();

        bucket.SetRate(0);

        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(bucket.WaitAsync(int.MaxValue, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Lowering_the_rate_delays_a_waiter_accordingly()
    {
        using var bucket = new TokenBucket(1000, 1000, _time);
        Assert.True(bucket.WaitAsync(1000, CancellationToken.None).IsCompletedSuccessfully);
        var wait = bucket.WaitAsync(500, CancellationToken.None).AsTask();

        bucket.SetRate(100, 1000);
        _time.Advance(TimeSpan.FromMilliseconds(600));
        Assert.False(wait.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(4400));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_cancelled_head_waiter_lets_the_next_one_through()
    {
        using var bucket = new TokenBucket(100, 100, _time);
        Assert.True(bucket.WaitAsync(100, CancellationToken.None).IsCompletedSuccessfully);
        using var cts = new CancellationTokenSource();
        var big = bucket.WaitAsync(100, cts.Token).AsTask();
        var small = bucket.WaitAsync(10, CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(200)); // 20 tokens: enough for the small one only

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => big);
        await small.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Dispose_fails_the_waiters_instead_of_leaving_them_hanging()
    {
        var bucket = new TokenBucket(1, 1, _time);
        Assert.True(bucket.WaitAsync(1, CancellationToken.None).IsCompletedSuccessfully);
        var wait = bucket.WaitAsync(10, CancellationToken.None).AsTask();

        bucket.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => wait);
    }

    [Fact]
    public async Task A_chain_lets_bytes_pass_only_when_every_bucket_allows_them()
    {
        using var torrent = new TokenBucket(1000, 1000, _time);
        using var global = new TokenBucket(100, 100, _time);
        var chain = new ChainedRateLimiter(torrent, global);

        Assert.True(chain.WaitAsync(100, CancellationToken.None).IsCompletedSuccessfully);
        var wait = chain.WaitAsync(100, CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(wait.IsCompleted); // the torrent bucket has plenty; the global one has 50 of 100
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Concurrent_waiters_all_complete_and_take_no_more_than_the_rate_allows()
    {
        using var bucket = new TokenBucket(10_000, 1000, _time);
        var waits = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() => bucket.WaitAsync(1000, CancellationToken.None).AsTask()))
            .ToArray();
        var advanced = TimeSpan.Zero;
        var all = Task.WhenAll(waits);
        while (!all.IsCompleted && advanced < TimeSpan.FromSeconds(60))
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            advanced += TimeSpan.FromMilliseconds(10);
            await Task.Yield();
        }

        await all.WaitAsync(TimeSpan.FromSeconds(10));
        // 50,000 bytes at 10,000 B/s with a 1,000-byte head start: at least 4.9 s of fake time.
        Assert.True(advanced >= TimeSpan.FromSeconds(4.9), $"only {advanced} passed");
    }
}
