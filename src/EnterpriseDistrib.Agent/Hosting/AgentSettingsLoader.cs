using System.Collections;
using EnterpriseDistrib.Agent.Configuration;
using Microsoft.Extensions.Configuration;

namespace EnterpriseDistrib.Agent.Hosting;

/// <summary>Builds the settings a command runs with: configuration sources, then the command's own options on top.</summary>
internal static class AgentSettingsLoader
{
    public static AgentSettings Load(string[] configurationArgs, string? server, string? data, string? bind, IDictionary? environment)
    {
        var configuration = new ConfigurationBuilder().AddAgentSources(AppContext.BaseDirectory, configurationArgs, environment).Build();
        var settings = AgentSettingsBinder.Bind(configuration);
        var problems = new List<string>();
        if (server is not null)
        {
            settings = settings with { ServerUrls = AgentSettingsBinder.ParseUrls(server, problems) };
        }

        if (data is not null)
        {
            settings = settings with { DataFolder = data };
        }

        if (bind is not null)
        {
            settings = settings with { BindAddress = AgentSettingsBinder.Address(bind, problems) };
        }

        if (problems.Count > 0)
        {
            throw new AgentConfigurationException(problems);
        }

        return settings.Validate();
    }
}
