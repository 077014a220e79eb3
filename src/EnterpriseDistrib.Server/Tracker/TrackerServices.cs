using EnterpriseDistrib.Server.Hosting;
using EnterpriseDistrib.Server.Origin;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EnterpriseDistrib.Server.Tracker;

/// <summary>Registers the private tracker, answers <c>/announce/{passkey}</c> and <c>/scrape/{passkey}</c>, and maps the swarm explanation API.</summary>
public static class TrackerServices
{
    public static IServiceCollection AddTracker(this IServiceCollection services, IConfiguration configuration)
    {
        var options = TrackerOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton(_ => new PasskeyCodec(PasskeyKeySource.Load(options, ClusteringSettings.From(configuration))));
        services.AddSingleton<TrackerDirectory>();

        // Replaces the origin's fail-closed default, whichever of the two registered first.
        services.RemoveAll<IWebSeedAuthorizer>();
        services.AddSingleton<IWebSeedAuthorizer, TrackerWebSeedAuthorizer>();
        services.AddHostedService<TrackerCatalogRefresher>();
        return services;
    }

    /// <summary>
    /// Answers announces and scrapes; call first in the pipeline. Agents authenticate by the passkey in the path
    /// (BitTorrent clients send no headers of ours).
    /// </summary>
    public static IApplicationBuilder UseTracker(this IApplicationBuilder app) => app.UseMiddleware<TrackerRequests>();

    public static IEndpointRouteBuilder MapTracker(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapSwarmEndpoints();
        return endpoints;
    }
}
