using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseDistrib.ControlPlane.Grains;

/// <summary>Registers what the grains need beside the catalog: the outcome reader and ingestion options.</summary>
public static class ControlPlaneServices
{
    /// <summary>Adds the grains' services; binds <c>StatusIngest</c> options from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddControlPlaneGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RolloutOutcomes>();
        services.AddOptions<StatusIngestOptions>()
            .Bind(configuration.GetSection(StatusIngestOptions.SectionName))
            .Validate(o => o.MaxBatchSize is >= 1 and <= Catalog.Status.StatusReportWriter.MaxBatchSize, "StatusIngest:MaxBatchSize must be between 1 and 50000.")
            .Validate(o => o.FlushInterval > TimeSpan.Zero && o.FlushInterval <= TimeSpan.FromSeconds(10), "StatusIngest:FlushInterval must be above 0 and at most 10 s.")
            .ValidateOnStart();
        return services;
    }
}
