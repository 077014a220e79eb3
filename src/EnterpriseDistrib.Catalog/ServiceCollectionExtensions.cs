using EnterpriseDistrib.Catalog.Agents;
using EnterpriseDistrib.Catalog.Audit;
using EnterpriseDistrib.Catalog.Enrollment;
using EnterpriseDistrib.Catalog.OfficeGroups;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Catalog.Reports;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.Catalog.Sites;
using EnterpriseDistrib.Catalog.Status;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EnterpriseDistrib.Catalog;

/// <summary>Registers the catalog: a pooled context factory for the configured provider and the stores (singletons, one context per call).</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Reads <c>Catalog:Provider</c> (Sqlite|PostgreSql), <c>ConnectionStrings:Catalog</c> and <c>Catalog:MigrateOnStartup</c>.</summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services, IConfiguration configuration) =>
        services.AddCatalog(CatalogOptions.FromConfiguration(configuration));

    public static IServiceCollection AddCatalog(this IServiceCollection services, CatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddPooledDbContextFactory<CatalogDbContext>(builder => CatalogDbContextOptions.Configure(builder, options));
        services.AddSingleton<CatalogMigrator>();
        services.AddSingleton<SiteStore>();
        services.AddSingleton<OfficeGroupStore>();
        services.AddSingleton<AgentStore>();
        services.AddSingleton<EnrollmentTokenStore>();
        services.AddSingleton<PackageStore>();
        services.AddSingleton<RolloutStore>();
        services.AddSingleton<RolloutProgressQueries>();
        services.AddSingleton<StatusReportWriter>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<WanReportQueries>();
        return services;
    }
}
