using System.Net;
using EnterpriseDistrib.Agent.Configuration;
using EnterpriseDistrib.Agent.ServerApi;
using Microsoft.Extensions.Logging;

namespace EnterpriseDistrib.Agent.Tests.Infrastructure;

/// <summary>Small builders shared by the agent tests.</summary>
internal static class AgentFixture
{
    public static AgentSettings Settings(string dataFolder, params Uri[] servers) => new AgentSettings
    {
        ServerUrls = servers,
        DataFolder = dataFolder,
        RequestAttempts = 1,
        BackoffInitial = TimeSpan.FromSeconds(1),
        BackoffMax = TimeSpan.FromSeconds(8),
        Jitter = 0,
        PollInterval = TimeSpan.FromSeconds(10),
        RequestTimeout = TimeSpan.FromSeconds(10),
    }.Validate();

    /// <summary>Registers a credential with the scripted server, as if the agent had enrolled.</summary>
    public static (string Credential, Guid AgentId) Enrolled(ScriptedServerState state)
    {
        var credential = "edag_" + Guid.NewGuid().ToString("N");
        var agentId = Guid.NewGuid();
        state.Credentials[credential] = agentId;
        return (credential, agentId);
    }

    public static AgentApiClient Client(AgentSettings settings, string? credential, TimeProvider? time = null, ILoggerProvider? logs = null)
    {
        var loggers = LoggerFactory.Create(b =>
        {
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        return new AgentApiClient(settings, credential, time ?? TimeProvider.System, loggers.CreateLogger<AgentApiClient>());
    }

    public static Uri DeadServer() => new($"http://{IPAddress.Loopback}:{ScriptedAgentServer.DeadPort()}/");
}
