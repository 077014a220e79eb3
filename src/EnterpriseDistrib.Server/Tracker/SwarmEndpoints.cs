using EnterpriseDistrib.ControlPlane.Abstractions.Swarms;
using EnterpriseDistrib.Server.Api;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Torrent.Metainfo;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnterpriseDistrib.Server.Tracker;

/// <summary>
/// <c>GET /api/v1/swarms/{package}/sites/{site}</c>: the site's WAN fetchers and peers in one package's swarm, and why
/// each agent was or was not handed a WAN source. <c>{package}</c> is a package version id or its 40-hex info-hash;
/// <c>{site}</c> is a site id, or <c>none</c> for agents placed at no site.
/// </summary>
internal static class SwarmEndpoints
{
    public static IEndpointRouteBuilder MapSwarmEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/swarms/{package}/sites/{site}", ExplainAsync)
            .RequireAuthorization(AuthPolicies.Read)
            .WithTags("Swarms")
            .WithSummary("Shows a site's WAN fetchers and peers in a package version's swarm, and why each agent was or was not handed a WAN source.");
        return endpoints;
    }

    private static async Task<Results<Ok<SwarmSiteReport>, ProblemHttpResult>> ExplainAsync(
        string package, string site, TrackerDirectory directory, TrackerOptions options, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        Guid? siteId = null;
        if (site != "none")
        {
            if (!Guid.TryParse(site, out var parsed))
            {
                return ApiProblems.BadRequest("Invalid site", "site must be a site id or 'none' (agents placed at no site).");
            }

            siteId = parsed;
        }

        InfoHash infoHash;
        if (Guid.TryParse(package, out var versionId))
        {
            var assignments = await directory.GetAssignmentsAsync(cancellationToken);
            if (!assignments.InfoHashes.TryGetValue(versionId, out infoHash))
            {
                return ApiProblems.NotFound("Running package version", versionId);
            }
        }
        else if (package.Length == 40 && package.All(char.IsAsciiHexDigit))
        {
            infoHash = InfoHash.ParseHex(package);
        }
        else
        {
            return ApiProblems.BadRequest("Invalid package", "package must be a package version id or a 40-character hex info-hash.");
        }

        var report = await grains.GetGrain<IPackageSwarmGrain>(infoHash.ToHex()).Explain(siteId, time.GetUtcNow(), options.PeerTimeout);
        return TypedResults.Ok(report);
    }
}
