using System.Net;
using EnterpriseDistrib.Agent.Assignments;
using EnterpriseDistrib.Agent.Bandwidth;
using EnterpriseDistrib.Agent.Cache;
using EnterpriseDistrib.Agent.Downloads;
using EnterpriseDistrib.Agent.Installers;
using EnterpriseDistrib.Agent.Rollouts;
using EnterpriseDistrib.Agent.Configuration;
using EnterpriseDistrib.Agent.Enrollment;
using EnterpriseDistrib.Agent.Outbox;
using EnterpriseDistrib.Agent.ServerApi;
using EnterpriseDistrib.Agent.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EnterpriseDistrib.Agent.Hosting;

/// <summary>What <c>edist-agent run</c> hosts: the service wiring around the poller, as a Windows Service or systemd unit.</summary>
public static class AgentHost
{
    /// <summary>Folder of the status outbox inside the data folder.</summary>
    public const string OutboxFolderName = "outbox";

    /// <summary>Folder of the package cache inside the data folder.</summary>
    public const string CacheFolderName = "cache";

    /// <summary>Folder of the rollout journal inside the data folder.</summary>
    public const string RolloutsFolderName = "rollouts";

    /// <summary>Builds the host for an enrolled agent; server URLs and bind address from settings win over those stored at enrollment.</summary>
    public static IHost Build(AgentSettings settings, AgentIdentity identity, string credential, string[] args, Action<ILoggingBuilder>? logging = null)
    {
        var effective = settings.ServerUrls.Count > 0 ? settings : settings with { ServerUrls = identity.ServerUrls };
        if (effective.BindAddress is null && identity.BindAddress is { } bind && IPAddress.TryParse(bind, out var address))
        {
            effective = effective with { BindAddress = address };
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

        // One build serves both: a Windows Service on Windows, a systemd unit (notify + journal logging) on Linux.
        builder.Services.AddWindowsService(options => options.ServiceName = "EnterpriseDistrib Agent");
        builder.Services.AddSystemd();
        logging?.Invoke(builder.Logging);
        var services = builder.Services;
        services.AddSingleton(effective);
        services.AddSingleton(identity);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new AgentApiClient(effective, credential, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AgentApiClient>>()));
        services.AddSingleton(sp => new DurableOutbox(Path.Combine(effective.DataFolder, OutboxFolderName), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new OutboxSender(
            sp.GetRequiredService<DurableOutbox>(), sp.GetRequiredService<AgentApiClient>(), effective.StatusBatchSize, sp.GetRequiredService<ILogger<OutboxSender>>()));
        services.AddSingleton(new AgentStatusFile(effective.DataFolder));
        services.AddSingleton(sp => new AssignmentPoller(
            effective,
            identity,
            sp.GetRequiredService<AgentApiClient>(),
            sp.GetRequiredService<OutboxSender>(),
            sp.GetRequiredService<DurableOutbox>(),
            sp.GetRequiredService<AgentStatusFile>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AssignmentPoller>>(),
            sp.GetRequiredService<IHostApplicationLifetime>()));
        services.AddHostedService(sp => sp.GetRequiredService<AssignmentPoller>());
        services.AddSingleton(new PackageCache(Path.Combine(effective.DataFolder, CacheFolderName), effective.CacheQuotaShare, effective.CacheQuotaBytes));
        services.AddSingleton(new SwarmHost(effective.BindAddress, effective.PeerPort, BandwidthPolicy.FromSettings(effective).Normal));
        services.AddSingleton(new RolloutJournal(Path.Combine(effective.DataFolder, RolloutsFolderName)));
        services.AddSingleton(new DownloadsStatusFile(effective.DataFolder));
        services.AddSingleton(sp => new InstallerRunner(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new RolloutRunner(
            effective,
            sp.GetRequiredService<AgentApiClient>(),
            sp.GetRequiredService<OutboxSender>(),
            sp.GetRequiredService<RolloutJournal>(),
            sp.GetRequiredService<PackageCache>(),
            sp.GetRequiredService<SwarmHost>(),
            sp.GetRequiredService<InstallerRunner>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RolloutRunner>>()));
        services.AddHostedService(sp => new RolloutWorker(
            effective,
            sp.GetRequiredService<AssignmentPoller>(),
            sp.GetRequiredService<RolloutRunner>(),
            sp.GetRequiredService<PackageCache>(),
            sp.GetRequiredService<SwarmHost>(),
            sp.GetRequiredService<DownloadsStatusFile>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RolloutWorker>>()));
        return builder.Build();
    }
}
