using System.Collections;
using EnterpriseDistrib.Agent.Enrollment;
using EnterpriseDistrib.Agent.Hosting;
using EnterpriseDistrib.Agent.Status;
using EnterpriseDistrib.Agent.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace EnterpriseDistrib.Agent.Tests.Hosting;

public sealed class AgentCliTests : IDisposable
{
    private readonly TempFolder _data = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly CollectingLoggerProvider _logs = new();

    public void Dispose() => _data.Dispose();

    private AgentCli Cli(IDictionary? environment = null) =>
        new(_output, _error, logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace), environment ?? new Hashtable());

    [Fact]
    public async Task Enroll_then_status_shows_the_enrolled_agent_and_no_output_holds_the_secrets()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        server.State.EnrollmentTokens["eden_cli"] = false;

        var enrolled = await Cli().InvokeAsync(["enroll", "--server", server.Url.ToString(), "--token", "eden_cli", "--data", _data.Path, "--bind", "127.0.0.5"]);
        var status = await Cli().InvokeAsync(["status", "--data", _data.Path]);

        var (credential, agentId) = Assert.Single(server.State.Credentials);
        Assert.Equal(AgentExitCodes.Success, enrolled);
        Assert.Equal(AgentExitCodes.Success, status);
        Assert.Equal("127.0.0.5", Assert.Single(server.State.Requests).RemoteAddress);
        Assert.Contains($"yes, agent {agentId}", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("has not run yet", _output.ToString(), StringComparison.Ordinal);
        var everything = _output.ToString() + _error + _logs.AllText;
        Assert.DoesNotContain(credential, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("eden_cli", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enroll_with_an_expired_token_exits_with_the_refused_code_says_why_and_stores_nothing()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        server.State.EnrollmentTokens["eden_old"] = true;

        var code = await Cli().InvokeAsync(["enroll", "--server", server.Url.ToString(), "--token", "eden_old", "--data", _data.Path]);

        Assert.Equal(AgentExitCodes.EnrollmentRefused, code);
        Assert.Contains("expired", _error.ToString(), StringComparison.Ordinal);
        Assert.False(new CredentialStore(_data.Path).Exists);
    }

    [Fact]
    public async Task Enroll_against_no_reachable_server_exits_with_the_unavailable_code()
    {
        var code = await Cli().InvokeAsync(["enroll", "--server", AgentFixture.DeadServer().ToString(), "--token", "eden_x", "--data", _data.Path, "--Agent:RequestAttempts=1"]);

        Assert.Equal(AgentExitCodes.ServerUnavailable, code);
        Assert.Contains("No server answered", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bind_address_that_is_not_an_ip_is_a_configuration_error()
    {
        var code = await Cli().InvokeAsync(["enroll", "--server", "http://127.0.0.1:1/", "--token", "eden_x", "--data", _data.Path, "--bind", "office-a"]);

        Assert.Equal(AgentExitCodes.InvalidConfiguration, code);
        Assert.Contains("BindAddress 'office-a'", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_before_enrolling_exits_with_the_not_enrolled_code()
    {
        var code = await Cli().InvokeAsync(["run", "--data", _data.Path]);

        Assert.Equal(AgentExitCodes.NotEnrolled, code);
        Assert.Contains("edist-agent enroll", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_calls_in_from_the_enrolled_bind_address_and_status_reports_what_it_does()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        server.State.EnrollmentTokens["eden_run"] = false;
        Assert.Equal(AgentExitCodes.Success, await Cli().InvokeAsync(["enroll", "--server", server.Url.ToString(), "--token", "eden_run", "--data", _data.Path, "--bind", "127.0.0.9"]));
        var statusFile = new AgentStatusFile(_data.Path);
        using var stop = new CancellationTokenSource();

        var run = Task.Run(() => Cli().InvokeAsync(["run", "--data", _data.Path, "--Agent:PollInterval=0.2"], stop.Token));
        var snapshot = await Eventually(async () => await statusFile.ReadAsync(CancellationToken.None) is { ServerReachable: true } s ? s : null);
        await stop.CancelAsync();
        var code = await run.WaitAsync(TimeSpan.FromSeconds(30));
        _output.GetStringBuilder().Clear();
        await Cli().InvokeAsync(["status", "--data", _data.Path]);

        Assert.Equal(AgentExitCodes.Success, code);
        Assert.NotNull(snapshot.LastHeartbeatAt);
        Assert.All(server.State.Requests, r => Assert.Equal("127.0.0.9", r.RemoteAddress));
        Assert.Contains(server.State.Requests, r => r.Path == "/api/v1/agent/heartbeat");
        Assert.Contains("reachable", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Outbox:          0 report(s) waiting", _output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Assert.Single(server.State.Credentials).Key, _logs.AllText, StringComparison.Ordinal);
    }

    // Waits for a condition another thread brings about; bounded, so a broken agent fails the test instead of hanging it.
    private static async Task<T> Eventually<T>(Func<Task<T?>> probe)
        where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await tick.WaitForNextTickAsync(timeout.Token);
        }
    }
}
