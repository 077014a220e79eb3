using EnterpriseDistrib.Server.Hosting;
using EnterpriseDistrib.Server.Origin;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EnterpriseDistrib.Server.Tracker;

/// <summary>Registers and maps the private tracker: <c>/announce/{passkey}</c>, <c>/scrape/{passkey}</c> and the swarm explanation API.</summary>
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

    public static IEndpointRouteBuilder MapTracker(this IEndpointRouteBuilder endpoints)
    {
        // Agents authenticate by the passkey in the path (BitTorrent clients send no headers of ours).
        endpoints.MapGet("/announce/{passkey}", AnnounceEndpoint.HandleAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/scrape/{passkey}", ScrapeEndpoint.HandleAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapSwarmEndpoints();
        return endpoints;
    }
}
