using System.Threading.Channels;
using EnterpriseDistrib.Agent.Assignments;
using EnterpriseDistrib.Agent.Configuration;
using EnterpriseDistrib.Agent.Enrollment;
using EnterpriseDistrib.Agent.Outbox;
using EnterpriseDistrib.Agent.ServerApi;
using EnterpriseDistrib.Agent.Status;
using EnterpriseDistrib.Agent.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EnterpriseDistrib.Agent.Tests.Assignments;

public sealed class AssignmentPollerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly TempFolder _data = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly Channel<PollCycle> _cycles = Channel.CreateUnbounded<PollCycle>();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task An_outage_backs_off_exponentially_keeps_work_and_reports_and_recovers_when_the_server_returns()
    {
        var state = new ScriptedServerState();
        var (credential, agentId) = AgentFixture.Enrolled(state);
        state.Assignments.Enqueue(AssignmentJson(Guid.NewGuid(), "Office 2026 wave 1"));
        var server = await ScriptedAgentServer.StartAsync(state);
        var port = server.Port;
        var settings = AgentFixture.Settings(_data.Path, server.Url);
        using var client = AgentFixture.Client(settings, credential, _time);
        var outbox = new DurableOutbox(Path.Combine(_data.Path, "outbox"), _time);
        var sender = new OutboxSender(outbox, client, 10, NullLogger<OutboxSender>.Instance);
        using var poller = Poller(settings, agentId, client, sender, outbox);

        await poller.StartAsync(CancellationToken.None);
        var first = await NextCycle();
        Assert.True(first.Succeeded);
        Assert.Equal(TimeSpan.FromSeconds(10), first.NextDelay);
        Assert.Equal(1, first.Assignments);

        await server.DisposeAsync();
        await sender.EnqueueAsync(new StatusReport(Guid.NewGuid(), 0, RolloutState.Downloading, ProgressPercent: 40), CancellationToken.None);
        var delays = new List<TimeSpan>();
        var wait = first.NextDelay;
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(wait);
            var failed = await NextCycle();
            Assert.False(failed.Succeeded);
            Assert.Equal(1, failed.Assignments);
            delays.Add(wait = failed.NextDelay);
        }

        Assert.Equal([1, 2, 4, 8, 8], delays.Select(d => d.TotalSeconds));
        var during = await new AgentStatusFile(_data.Path).ReadAsync(CancellationToken.None);
        Assert.False(during!.ServerReachable);
        Assert.Equal(1, during.OutboxDepth);
        Assert.Equal(5, during.ConsecutiveFailures);

        await using var back = await ScriptedAgentServer.StartAsync(state, port: port);
        _time.Advance(wait);
        var recovered = await NextCycle();

        Assert.True(recovered.Succeeded);
        Assert.Equal(1, recovered.Delivered);
        Assert.Equal(TimeSpan.FromSeconds(10), recovered.NextDelay);
        Assert.Equal(["Downloading"], state.Applied.Select(a => a.State));
        var after = await new AgentStatusFile(_data.Path).ReadAsync(CancellationToken.None);
        Assert.True(after!.ServerReachable);
        Assert.Equal(0, after.OutboxDepth);
        Assert.Equal("Office 2026 wave 1", Assert.Single(after.Assignments).RolloutName);
        await poller.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_revoked_credential_stops_the_loop_and_the_status_file_says_to_enroll_again()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        var (credential, agentId) = AgentFixture.Enrolled(server.State);
        server.State.Revoked.Add(agentId);
        var settings = AgentFixture.Settings(_data.Path, server.Url);
        using var client = AgentFixture.Client(settings, credential, _time);
        var outbox = new DurableOutbox(Path.Combine(_data.Path, "outbox"), _time);
        using var poller = Poller(settings, agentId, client, new OutboxSender(outbox, client, 10, NullLogger<OutboxSender>.Instance), outbox);

        await poller.StartAsync(CancellationToken.None);
        var cycle = await NextCycle();
        await poller.ExecuteTask!.WaitAsync(Patience);

        Assert.False(cycle.Succeeded);
        Assert.NotNull(poller.StoppedBecause);
        var status = await new AgentStatusFile(_data.Path).ReadAsync(CancellationToken.None);
        Assert.StartsWith("Stopped", status!.State, StringComparison.Ordinal);
        Assert.Contains("enroll", status.State, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_heartbeat_follows_the_servers_period_while_assignments_are_polled_every_interval()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        var (credential, agentId) = AgentFixture.Enrolled(server.State);
        server.State.HeartbeatSeconds = 25;
        var settings = AgentFixture.Settings(_data.Path, server.Url);
        using var client = AgentFixture.Client(settings, credential, _time);
        var outbox = new DurableOutbox(Path.Combine(_data.Path, "outbox"), _time);
        using var poller = Poller(settings, agentId, client, new OutboxSender(outbox, client, 10, NullLogger<OutboxSender>.Instance), outbox);

        await poller.StartAsync(CancellationToken.None);
        var cycle = await NextCycle();
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(cycle.NextDelay);
            cycle = await NextCycle();
        }

        await poller.StopAsync(CancellationToken.None);

        // Polls at 0, 10, 20, 30 s; heartbeats at 0 and at 30 s (the first poll after the 25 s period).
        Assert.Equal(4, server.State.Requests.Count(r => r.Path == "/api/v1/agent/assignments"));
        Assert.Equal(2, server.State.Requests.Count(r => r.Path == "/api/v1/agent/heartbeat"));
    }

    private static string AssignmentJson(Guid rolloutId, string name) =>
        $$"""
        {"rolloutId":"{{rolloutId}}","rolloutName":"{{name}}","packageId":"{{Guid.NewGuid()}}","packageVersionId":"{{Guid.NewGuid()}}",
         "version":"1.2.3","infoHash":"{{new string('a', 40)}}","totalSize":1048576,
         "install":{"kind":"Script","command":"install.sh","arguments":null,"successExitCodes":[],"rebootExitCodes":[],"timeoutSeconds":600,"detection":null},
         "deadline":null,"torrentUrl":"/api/v1/agent/torrents/x"}
        """;

    private AssignmentPoller Poller(AgentSettings settings, Guid agentId, AgentApiClient client, OutboxSender sender, DurableOutbox outbox)
    {
        var identity = new AgentIdentity(agentId, settings.ServerUrls, null, null, _time.GetUtcNow());
        var poller = new AssignmentPoller(settings, identity, client, sender, outbox, new AgentStatusFile(_data.Path), _time, NullLogger<AssignmentPoller>.Instance);
        poller.CycleCompleted += cycle => _cycles.Writer.TryWrite(cycle);
        return poller;
    }

    private async Task<PollCycle> NextCycle()
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await _cycles.Reader.ReadAsync(timeout.Token);
    }
}
