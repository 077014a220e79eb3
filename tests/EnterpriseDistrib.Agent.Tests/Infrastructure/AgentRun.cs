using System.Text.Json.Nodes;
using EnterpriseDistrib.Agent.Hosting;
using EnterpriseDistrib.Agent.Status;

namespace EnterpriseDistrib.Agent.Tests.Infrastructure;

/// <summary>Steps of the agent process stories: enroll, start <c>run</c>, wait for what the server or status file shows.</summary>
internal static class AgentRun
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static async Task EnrollAsync(ScriptedAgentServer server, string data, string bind)
    {
        var token = "eden_" + Guid.NewGuid().ToString("N");
        server.State.EnrollmentTokens[token] = false;
        using var enroll = AgentProcess.Start("enroll", "--server", server.Url.ToString(), "--token", token, "--data", data, "--bind", bind);
        Assert.Equal(AgentExitCodes.Success, await enroll.WaitAsync(Patience));
    }

    /// <summary>Starts <c>edist-agent run</c> polling fast, reporting progress every half second, on any free peer port.</summary>
    public static AgentProcess Start(string data, params string[] extra) =>
        AgentProcess.Start(["run", "--data", data, "--Agent:PollInterval=0.2", "--Agent:PeerPort=0", "--Agent:ProgressReportInterval=0.5", .. extra]);

    /// <summary>The reports the server received for one rollout, in order.</summary>
    public static IReadOnlyList<JsonNode> Reports(ScriptedAgentServer server, Guid rolloutId) =>
        [.. server.State.Reports.Where(r => (string?)r["rolloutId"] == rolloutId.ToString())];

    public static IReadOnlyList<string> States(ScriptedAgentServer server, Guid rolloutId) =>
        [.. Reports(server, rolloutId).Select(r => (string)r["state"]!)];

    /// <summary>Checks <paramref name="done"/> every 100 ms until it holds; fails with the agent's output after <see cref="Patience"/>.</summary>
    public static async Task UntilAsync(Func<bool> done, AgentProcess agent, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!done())
        {
            try
            {
                await tick.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting for {what}. Agent output:\n{agent.Output}");
            }
        }
    }

    public static async Task<DownloadStatus?> DownloadAsync(string data, Guid rolloutId) =>
        (await new DownloadsStatusFile(data).ReadAsync(CancellationToken.None)).FirstOrDefault(d => d.RolloutId == rolloutId);
}
