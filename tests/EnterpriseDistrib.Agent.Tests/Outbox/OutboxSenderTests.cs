using EnterpriseDistrib.Agent.Outbox;
using EnterpriseDistrib.Agent.ServerApi;
using EnterpriseDistrib.Agent.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnterpriseDistrib.Agent.Tests.Outbox;

public sealed class OutboxSenderTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    private string OutboxFolder => Path.Combine(_data.Path, "outbox");

    [Fact]
    public async Task Reports_survive_an_agent_restart_during_an_outage_and_are_stored_once_when_the_server_returns()
    {
        var state = new ScriptedServerState();
        var (credential, agentId) = AgentFixture.Enrolled(state);
        var port = ScriptedAgentServer.DeadPort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var rollout = Guid.NewGuid();
        var states = new[] { RolloutState.Pending, RolloutState.Downloading, RolloutState.Downloaded };

        // First life: the server is down; the reports are queued and the delivery attempt fails.
        using (var client = AgentFixture.Client(AgentFixture.Settings(_data.Path, url), credential))
        {
            var sender = new OutboxSender(new DurableOutbox(OutboxFolder, TimeProvider.System), client, 2, NullLogger<OutboxSender>.Instance);
            foreach (var s in states)
            {
                await sender.EnqueueAsync(new StatusReport(rollout, 0, s), CancellationToken.None);
            }

            await Assert.ThrowsAsync<ServerUnavailableException>(() => sender.DrainAsync(CancellationToken.None));
        }

        // Second life: a new process, same data folder, the server is back on the same address.
        await using var server = await ScriptedAgentServer.StartAsync(state, port: port);
        using var restartedClient = AgentFixture.Client(AgentFixture.Settings(_data.Path, url), credential);
        var outbox = new DurableOutbox(OutboxFolder, TimeProvider.System);
        var restarted = new OutboxSender(outbox, restartedClient, 2, NullLogger<OutboxSender>.Instance);
        Assert.Equal(3, outbox.Count);

        var delivered = await restarted.DrainAsync(CancellationToken.None);

        Assert.Equal(3, delivered);
        Assert.Equal(0, outbox.Count);
        Assert.Equal(states.Select(s => s.ToString()), state.Applied.Select(a => a.State));
        Assert.All(state.Applied, a => Assert.Equal(agentId, a.Agent));
        Assert.Equal([1L, 2L, 3L], state.Received.Select(r => r.Sequence));
    }

    [Fact]
    public async Task A_lost_acknowledgement_makes_the_agent_resend_and_the_server_applies_each_report_once()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        var (credential, _) = AgentFixture.Enrolled(server.State);
        using var client = AgentFixture.Client(AgentFixture.Settings(_data.Path, server.Url), credential);
        var outbox = new DurableOutbox(OutboxFolder, TimeProvider.System);
        var sender = new OutboxSender(outbox, client, 10, NullLogger<OutboxSender>.Instance);
        var rollout = Guid.NewGuid();
        await sender.EnqueueAsync(new StatusReport(rollout, 0, RolloutState.Installing), CancellationToken.None);
        await sender.EnqueueAsync(new StatusReport(rollout, 0, RolloutState.Succeeded), CancellationToken.None);
        server.State.StatusAnswersToDrop = 1;

        await Assert.ThrowsAsync<ServerUnavailableException>(() => sender.DrainAsync(CancellationToken.None));
        Assert.Equal(2, outbox.Count);
        var delivered = await sender.DrainAsync(CancellationToken.None);

        Assert.Equal(2, delivered);
        Assert.Equal(4, server.State.Received.Count);
        Assert.Equal(["Installing", "Succeeded"], server.State.Applied.Select(a => a.State));
    }

    [Fact]
    public async Task Numbering_continues_after_a_restart_even_when_everything_was_acknowledged()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        var (credential, _) = AgentFixture.Enrolled(server.State);
        using var client = AgentFixture.Client(AgentFixture.Settings(_data.Path, server.Url), credential);
        var rollout = Guid.NewGuid();
        var first = new OutboxSender(new DurableOutbox(OutboxFolder, TimeProvider.System), client, 10, NullLogger<OutboxSender>.Instance);
        await first.EnqueueAsync(new StatusReport(rollout, 0, RolloutState.Downloading), CancellationToken.None);
        await first.DrainAsync(CancellationToken.None);

        var second = new OutboxSender(new DurableOutbox(OutboxFolder, TimeProvider.System), client, 10, NullLogger<OutboxSender>.Instance);
        await second.EnqueueAsync(new StatusReport(rollout, 0, RolloutState.Succeeded), CancellationToken.None);
        await second.DrainAsync(CancellationToken.None);

        // Had numbering restarted at 1, the server would have kept "Downloading" and dropped "Succeeded".
        Assert.Equal(["Downloading", "Succeeded"], server.State.Applied.Select(a => a.State));
        Assert.Equal([1L, 2L], server.State.Received.Select(r => r.Sequence));
    }

    [Fact]
    public async Task A_message_that_is_not_a_status_report_is_set_aside_and_the_others_still_go()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        var (credential, _) = AgentFixture.Enrolled(server.State);
        using var client = AgentFixture.Client(AgentFixture.Settings(_data.Path, server.Url), credential);
        var outbox = new DurableOutbox(OutboxFolder, TimeProvider.System);
        var sender = new OutboxSender(outbox, client, 10, NullLogger<OutboxSender>.Instance);
        await outbox.EnqueueAsync("status", "{not json", CancellationToken.None);
        await outbox.EnqueueAsync("mystery", "{}", CancellationToken.None);
        await sender.EnqueueAsync(new StatusReport(Guid.NewGuid(), 0, RolloutState.Failed, Error: "exit 1603"), CancellationToken.None);

        var delivered = await sender.DrainAsync(CancellationToken.None);

        Assert.Equal(1, delivered);
        Assert.Equal(0, outbox.Count);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(OutboxFolder, "damaged")).Length);
        Assert.Equal([3L], server.State.Received.Select(r => r.Sequence));
    }
}
