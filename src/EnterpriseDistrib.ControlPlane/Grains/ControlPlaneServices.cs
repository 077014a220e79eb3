using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EnterpriseDistrib.ControlPlane.Grains;

/// <summary>Registers what the grains need beside the catalog: their clock, the outcome reader and ingestion options.</summary>
public static class ControlPlaneServices
{
    /// <summary>
    /// Service key of the clock the grains schedule and stamp with. It is the host's <see cref="TimeProvider"/>
    /// unless one is registered under this key first; it is kept apart from the unkeyed one because Orleans
    /// runs membership and gateways on that, and a frozen test clock there leaves clients unable to connect.
    /// </summary>
    public const string ClockKey = "EnterpriseDistrib.ControlPlane.Clock";

    /// <summary>Adds the grains' services; binds <c>StatusIngest</c> options from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddControlPlaneGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddKeyedSingleton<TimeProvider>(ClockKey, static (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.AddSingleton<RolloutOutcomes>();
        services.AddOptions<StatusIngestOptions>()
            .Bind(configuration.GetSection(StatusIngestOptions.SectionName))
            .Validate(o => o.MaxBatchSize is >= 1 and <= Catalog.Status.StatusReportWriter.MaxBatchSize, "StatusIngest:MaxBatchSize must be between 1 and 50000.")
            .Validate(o => o.FlushInterval > TimeSpan.Zero && o.FlushInterval <= TimeSpan.FromSeconds(10), "StatusIngest:FlushInterval must be above 0 and at most 10 s.")
            .ValidateOnStart();
        return services;
    }
}
