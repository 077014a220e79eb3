using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Server.Api;
using EnterpriseDistrib.Server.Uploads;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EnterpriseDistrib.Server.Origin;

/// <summary>Registers and maps the origin: storage, uploads (tus), verification, the seeder and the web seed.</summary>
public static class OriginHosting
{
    public static IServiceCollection AddOrigin(this IServiceCollection services, IConfiguration configuration)
    {
        var options = OriginOptions.FromConfiguration(configuration);
        services.AddSingleton(options);
        services.TryAddSingleton<IOriginStorage, LocalOriginStorage>();
        services.TryAddSingleton<PackageStore>();
        services.TryAddSingleton<PackageContentStore>();
        services.AddSingleton<ContentRefusals>();
        services.AddSingleton<UploadRegistry>();
        services.AddSingleton<UploadCompletion>();
        services.AddSingleton<OriginSeeder>();
        services.AddSingleton<IOriginDirectory>(provider => provider.GetRequiredService<OriginSeeder>());
        services.AddHostedService(provider => provider.GetRequiredService<OriginSeeder>());
        services.AddSingleton<ContentVerifier>();
        services.AddHostedService(provider => provider.GetRequiredService<ContentVerifier>());

        // Fail closed until the tracker registers the passkey check (it replaces this one).
        services.TryAddSingleton<IWebSeedAuthorizer, NoWebSeedAccess>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrigin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/v1/uploads").MapUploadEndpoints();
        endpoints.MapGroup("/api/v1/packages").AddEndpointFilter<CatalogErrorFilter>().MapContentStatusEndpoints();
        endpoints.MapWebSeed();
        return endpoints;
    }
}
