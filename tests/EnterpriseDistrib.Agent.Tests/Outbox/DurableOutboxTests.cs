using EnterpriseDistrib.Agent.Outbox;
using Microsoft.Extensions.Time.Testing;

namespace EnterpriseDistrib.Agent.Tests.Outbox;

public sealed class DurableOutboxTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edist-outbox-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Messages_come_out_in_the_order_they_went_in()
    {
        var outbox = new DurableOutbox(_folder, _time);
        for (var i = 0; i < 12; i++)
        {
            await outbox.EnqueueAsync("status", $"{{\"n\":{i}}}", CancellationToken.None);
        }

        var batch = await outbox.PeekAsync(5, CancellationToken.None);

        Assert.Equal(["{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}"], batch.Select(m => m.Payload));
    }

    [Fact]
    public async Task Unacknowledged_messages_survive_a_restart_with_the_same_ids()
    {
        var before = await new DurableOutbox(_folder, _time).EnqueueAsync("status", "{}", CancellationToken.None);

        var restarted = new DurableOutbox(_folder, _time);
        var after = Assert.Single(await restarted.PeekAsync(10, CancellationToken.None));

        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Acknowledged_messages_are_not_sent_again_and_new_ones_keep_counting_up()
    {
        var outbox = new DurableOutbox(_folder, _time);
        var first = await outbox.EnqueueAsync("status", "1", CancellationToken.None);
        await outbox.EnqueueAsync("status", "2", CancellationToken.None);
        outbox.Acknowledge([first]);

        var restarted = new DurableOutbox(_folder, _time);
        var third = await restarted.EnqueueAsync("status", "3", CancellationToken.None);

        Assert.Equal(["2", "3"], (await restarted.PeekAsync(10, CancellationToken.None)).Select(m => m.Payload));
        Assert.Equal(3, third.Sequence);
    }

    [Fact]
    public async Task A_damaged_file_is_set_aside_and_the_rest_still_flows()
    {
        var outbox = new DurableOutbox(_folder, _time);
        await outbox.EnqueueAsync("status", "good", CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(_folder, "0000000000000000000.msg"), "{not json");

        var batch = await outbox.PeekAsync(10, CancellationToken.None);

        Assert.Equal("good", Assert.Single(batch).Payload);
        Assert.True(File.Exists(Path.Combine(_folder, "damaged", "0000000000000000000.msg")));
    }

    [Fact]
    public async Task A_half_written_message_from_a_crash_is_never_sent()
    {
        var outbox = new DurableOutbox(_folder, _time);
        await File.WriteAllTextAsync(Path.Combine(_folder, "0000000000000000001.msg.tmp"), "{\"Sequence\":1");

        Assert.Empty(await outbox.PeekAsync(10, CancellationToken.None));
    }
}
