using System.Net;
using EnterpriseDistrib.Agent.ServerApi;
using EnterpriseDistrib.Agent.Tests.Infrastructure;

namespace EnterpriseDistrib.Agent.Tests.ServerApi;

public sealed class AgentApiClientTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Every_call_leaves_from_the_bound_address()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        server.State.EnrollmentTokens["eden_bound"] = false;
        var settings = AgentFixture.Settings(_data.Path, server.Url) with { BindAddress = IPAddress.Parse("127.0.0.7") };
        using var anonymous = AgentFixture.Client(settings, null);
        var enrolled = await anonymous.EnrollAsync(new EnrollRequest("eden_bound", "host-7", null, null), CancellationToken.None);
        using var client = AgentFixture.Client(settings, enrolled.Credential);

        await client.HeartbeatAsync(new HeartbeatRequest("1.0"), CancellationToken.None);
        await client.GetAssignmentsAsync(CancellationToken.None);
        await client.SendStatusAsync(new StatusReportsRequest([new StatusReport(Guid.NewGuid(), 1, RolloutState.Pending)]), CancellationToken.None);

        Assert.Equal(4, server.State.Requests.Count);
        Assert.All(server.State.Requests, r => Assert.Equal("127.0.0.7", r.RemoteAddress));
    }

    [Fact]
    public async Task A_dead_first_server_fails_over_to_the_second_and_later_calls_start_there()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        var (credential, agentId) = AgentFixture.Enrolled(server.State);
        var dead = AgentFixture.DeadServer();
        using var client = AgentFixture.Client(AgentFixture.Settings(_data.Path, dead, server.Url), credential);

        var beat = await client.HeartbeatAsync(new HeartbeatRequest(null), CancellationToken.None);
        var current = client.CurrentServer;
        await client.GetAssignmentsAsync(CancellationToken.None);

        Assert.Equal(agentId, beat.AgentId);
        Assert.Equal(server.Url, current);
        Assert.Equal(["/api/v1/agent/heartbeat", "/api/v1/agent/assignments"], server.State.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task No_server_reachable_is_a_typed_unavailable_error_naming_the_servers()
    {
        var dead = AgentFixture.DeadServer();
        using var client = AgentFixture.Client(AgentFixture.Settings(_data.Path, dead), "edag_whatever");

        var error = await Assert.ThrowsAsync<ServerUnavailableException>(() => client.HeartbeatAsync(new HeartbeatRequest(null), CancellationToken.None));

        Assert.Contains(dead.Authority, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_until_the_server_recovers()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        var (credential, _) = AgentFixture.Enrolled(server.State);
        server.State.StatusFailuresLeft = 2;
        var settings = AgentFixture.Settings(_data.Path, server.Url) with
        {
            RequestAttempts = 3,
            BackoffInitial = TimeSpan.FromMilliseconds(10),
            BackoffMax = TimeSpan.FromMilliseconds(40),
        };
        using var client = AgentFixture.Client(settings, credential);
        var rollout = Guid.NewGuid();

        var answer = await client.SendStatusAsync(new StatusReportsRequest([new StatusReport(rollout, 5, RolloutState.Downloading)]), CancellationToken.None);

        Assert.Equal(1, answer.Received);
        Assert.Equal(3, server.State.Requests.Count(r => r.Path == "/api/v1/agent/status"));
        Assert.Equal([(rollout, 5L)], server.State.Applied.Select(a => (a.Rollout, a.Sequence)));
    }

    [Fact]
    public async Task A_revoked_credential_is_a_typed_error_that_says_to_enroll_again()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        var (credential, agentId) = AgentFixture.Enrolled(server.State);
        server.State.Revoked.Add(agentId);
        using var client = AgentFixture.Client(AgentFixture.Settings(_data.Path, server.Url) with { RequestAttempts = 3 }, credential);

        var error = await Assert.ThrowsAsync<AgentNotAuthorizedException>(() => client.GetAssignmentsAsync(CancellationToken.None));

        Assert.Contains("edist-agent enroll", error.Message, StringComparison.Ordinal);
        Assert.Single(server.State.Requests);
    }

    [Theory]
    [InlineData(true, 403, "expired")]
    [InlineData(false, 401, "Unknown enrollment token")]
    public async Task A_refused_enrollment_token_is_a_typed_error_with_the_servers_reason(bool known, int status, string reason)
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        if (known)
        {
            server.State.EnrollmentTokens["eden_old"] = true;
        }

        using var client = AgentFixture.Client(AgentFixture.Settings(_data.Path, server.Url), null);

        var error = await Assert.ThrowsAsync<EnrollmentRefusedException>(
            () => client.EnrollAsync(new EnrollRequest("eden_old", "host", null, null), CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_is_not_the_expected_json_is_a_typed_error_not_a_crash()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        var (credential, _) = AgentFixture.Enrolled(server.State);
        server.State.Assignments.Enqueue("{\"rolloutId\": 12}");
        using var client = AgentFixture.Client(AgentFixture.Settings(_data.Path, server.Url), credential);

        var error = await Assert.ThrowsAsync<ServerRejectedException>(() => client.GetAssignmentsAsync(CancellationToken.None));

        Assert.Equal("Unreadable answer", error.Title);
    }

    [Fact]
    public async Task An_endless_answer_is_cut_off_at_the_bound_instead_of_filling_memory()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        var (credential, _) = AgentFixture.Enrolled(server.State);
        server.State.Assignments.Enqueue("\"" + new string('x', AgentApiClient.MaxAnswerBytes + 1) + "\"");
        using var client = AgentFixture.Client(AgentFixture.Settings(_data.Path, server.Url), credential);

        var error = await Assert.ThrowsAsync<ServerUnavailableException>(() => client.GetAssignmentsAsync(CancellationToken.None));

        Assert.Contains("buffer", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_torrent_of_an_assigned_version_downloads_as_bytes()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        var (credential, _) = AgentFixture.Enrolled(server.State);
        using var client = AgentFixture.Client(AgentFixture.Settings(_data.Path, server.Url), credential);

        var torrent = await client.DownloadTorrentAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.Equal("d4:infod6:lengthi1e4:name1:xee"u8.ToArray(), torrent);
    }
}
