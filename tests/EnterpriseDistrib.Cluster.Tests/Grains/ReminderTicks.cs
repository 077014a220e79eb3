using System.Threading.Channels;

namespace EnterpriseDistrib.Cluster.Tests.Grains;

/// <summary>
/// Where reminder deliveries land, shared by every silo of one test so the test can wait on the delivery itself
/// (whichever silo the grain runs on) instead of sleeping.
/// </summary>
public sealed class ReminderTicks
{
    private readonly Channel<ReminderTick> _ticks = Channel.CreateUnbounded<ReminderTick>();

    public void Record(ReminderTick tick) => _ticks.Writer.TryWrite(tick);

    /// <summary>The next delivery; throws <see cref="OperationCanceledException"/> when none comes in time.</summary>
    public async Task<ReminderTick> NextAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        return await _ticks.Reader.ReadAsync(cancellation.Token);
    }
}
