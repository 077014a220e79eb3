using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace EnterpriseDistrib.Torrent.Tests.Tracker;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports each timer created with a finite due time, so a test can wait
/// until code under test is really waiting (its <c>Task.Delay</c> timer exists) before advancing the clock.
/// </summary>
public sealed class TimerObservingTimeProvider : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Fake { get; } = new();

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _timers.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>The due time of the next timer created (10 s real-time timeout).</summary>
    public async Task<TimeSpan> NextTimerAsync() =>
        await _timers.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public void Advance(TimeSpan by) => Fake.Advance(by);
}
