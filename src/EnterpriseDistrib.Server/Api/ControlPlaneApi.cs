using EnterpriseDistrib.Catalog.Agents;
using EnterpriseDistrib.Catalog.Audit;
using EnterpriseDistrib.Catalog.Enrollment;
using EnterpriseDistrib.Catalog.OfficeGroups;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.Catalog.Sites;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EnterpriseDistrib.Server.Api;

/// <summary>Registers and maps the REST API under <c>/api/v1</c>, one group per resource.</summary>
public static class ControlPlaneApi
{
    /// <summary>Services the endpoints share.</summary>
    public static IServiceCollection AddControlPlaneApi(this IServiceCollection services)
    {
        // Bad JSON or a wrong route value is a 400 problem answer in every environment, never an exception page.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        services.TryAddSingleton<SiteStore>();
        services.TryAddSingleton<OfficeGroupStore>();
        services.TryAddSingleton<EnrollmentTokenStore>();
        services.TryAddSingleton<AgentStore>();
        services.TryAddSingleton<PackageStore>();
        services.TryAddSingleton<RolloutStore>();
        services.TryAddSingleton<AuditLog>();
        return services;
    }

    /// <summary>Maps every resource group.</summary>
    public static IEndpointRouteBuilder MapControlPlaneApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").AddEndpointFilter<CatalogErrorFilter>();
        api.MapGroup("/sites").MapSiteEndpoints();
        api.MapGroup("/office-groups").MapOfficeGroupEndpoints();
        api.MapGroup("/enrollment-tokens").MapEnrollmentTokenEndpoints();
        api.MapGroup("/agents").MapAgentEndpoints();
        api.MapGroup("/packages").MapPackageEndpoints();
        api.MapGroup("/rollouts").MapRolloutEndpoints();
        api.MapGroup("/reports").MapReportEndpoints();
        api.MapGroup("/agent").MapAgentProtocolEndpoints();
        return endpoints;
    }
}
