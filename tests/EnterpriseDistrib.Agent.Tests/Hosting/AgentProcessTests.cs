using EnterpriseDistrib.Agent.Hosting;
using EnterpriseDistrib.Agent.Status;
using EnterpriseDistrib.Agent.Tests.Infrastructure;

namespace EnterpriseDistrib.Agent.Tests.Hosting;

public sealed class AgentProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_real_agent_enrolls_runs_as_a_service_stops_on_sigterm_and_never_prints_its_credential()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        server.State.EnrollmentTokens["eden_process"] = false;

        using (var enroll = AgentProcess.Start("enroll", "--server", server.Url.ToString(), "--token", "eden_process", "--data", _data.Path, "--bind", "127.0.0.11"))
        {
            Assert.Equal(AgentExitCodes.Success, await enroll.WaitAsync(Patience));
        }

        using var run = AgentProcess.Start("run", "--data", _data.Path, "--Agent:PollInterval=0.2");
        var statusFile = new AgentStatusFile(_data.Path);
        using (var timeout = new CancellationTokenSource(Patience))
        using (var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100)))
        {
            while (await statusFile.ReadAsync(CancellationToken.None) is not { ServerReachable: true })
            {
                await tick.WaitForNextTickAsync(timeout.Token);
            }
        }

        run.Terminate();
        var code = await run.WaitAsync(Patience);

        var credential = Assert.Single(server.State.Credentials).Key;
        Assert.Equal(AgentExitCodes.Success, code);
        Assert.Contains("Application is shutting down", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(credential, run.Output, StringComparison.Ordinal);
        Assert.All(server.State.Requests, r => Assert.Equal("127.0.0.11", r.RemoteAddress));
        Assert.Contains(server.State.Requests, r => r.Path == "/api/v1/agent/heartbeat");
    }
}
