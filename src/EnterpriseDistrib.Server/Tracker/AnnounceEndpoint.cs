using EnterpriseDistrib.ControlPlane.Abstractions.Swarms;
using EnterpriseDistrib.Server.Origin;

namespace EnterpriseDistrib.Server.Tracker;

/// <summary>
/// <c>GET /announce/{passkey}</c>: BEP 3 with BEP 23 compact and BEP 7 <c>peers6</c>. Checks, in order: the query,
/// the passkey's MAC, the agent (known, not revoked), the assignment (an open rollout reaches the agent's site),
/// then hands the announce to the package's swarm grain.
/// </summary>
internal static class AnnounceEndpoint
{
    public static async Task HandleAsync(
        HttpContext http, string passkey, PasskeyCodec passkeys, TrackerDirectory directory, TrackerOptions options, IGrainFactory grains, TimeProvider time)
    {
        var cancellationToken = http.RequestAborted;
        if (!AnnounceQuery.TryParse(http.Request.QueryString.Value, out var query, out var malformed))
        {
            await RefuseAsync(http, malformed);
            return;
        }

        if (!passkeys.TryRead(passkey, out var agentId))
        {
            await RefuseAsync(http, "unknown passkey: use the announce URL from your assignments");
            return;
        }

        var agent = await directory.GetAgentAsync(agentId, cancellationToken);
        if (!agent.Exists || agent.Revoked)
        {
            await RefuseAsync(http, agent.Exists ? "this agent has been revoked" : "unknown agent: enroll again");
            return;
        }

        var assignments = await directory.GetAssignmentsAsync(cancellationToken);
        if (!assignments.TryGetAssigned(agent.SiteId, query.InfoHash, out var package))
        {
            await RefuseAsync(http, "this torrent is not assigned to this agent");
            return;
        }

        if (PeerAddress.Of(http, options) is not { } address)
        {
            await RefuseAsync(http, "the peer's address could not be determined");
            return;
        }

        var origin = http.RequestServices.GetService<IOriginDirectory>();
        var originEndpoint = origin?.PeerEndpoint is { } endpoint && origin.Seeds(query.InfoHash) ? endpoint : null;
        var announce = new SwarmAnnounce(
            agentId,
            await directory.SwarmSiteAsync(agent, address),
            new System.Net.IPEndPoint(address, query.Port),
            query.Uploaded,
            query.Downloaded,
            query.Left,
            query.Event,
            Math.Min(query.NumWant ?? options.DefaultNumWant, options.MaxNumWant),
            time.GetUtcNow(),
            options.PeerTimeout,
            package.MaxWanFetchersPerSite,
            options.FetcherProgressTimeout,
            originEndpoint);
        var result = await grains.GetGrain<IPackageSwarmGrain>(query.InfoHash.ToHex()).Announce(announce);
        var webSeed = result.IsWanFetcher && originEndpoint is not null ? TrackerUrls.WebSeed(http.Request, passkey, query.InfoHash.ToHex()) : null;
        http.Response.ContentType = "text/plain";
        Write(http, result, options, webSeed);
        await http.Response.BodyWriter.FlushAsync(cancellationToken);
    }

    private static void Write(HttpContext http, SwarmAnnounceResult result, TrackerOptions options, string? webSeed)
    {
        // BEP 3 keys in byte order: complete, incomplete, interval, min interval, peers, peers6, x-edist-web-seeds.
        var jitter = options.Interval.TotalSeconds * options.IntervalJitter * ((Random.Shared.NextDouble() * 2) - 1);
        var writer = new TrackerResponse(http.Response.BodyWriter);
        writer.Raw("d"u8);
        writer.String("complete"u8);
        writer.Integer(result.Seeds);
        writer.String("incomplete"u8);
        writer.Integer(result.Partials);
        writer.String("interval"u8);
        writer.Integer((long)Math.Max(options.MinInterval.TotalSeconds, options.Interval.TotalSeconds + jitter));
        writer.String("min interval"u8);
        writer.Integer((long)options.MinInterval.TotalSeconds);
        writer.String("peers"u8);
        writer.String(result.Peers4);
        if (result.Peers6.Length > 0)
        {
            writer.String("peers6"u8);
            writer.String(result.Peers6);
        }

        if (webSeed is not null)
        {
            writer.String("x-edist-web-seeds"u8);
            writer.Raw("l"u8);
            writer.String(webSeed);
            writer.Raw("e"u8);
        }

        writer.Raw("e"u8);
    }

    internal static async Task RefuseAsync(HttpContext http, string reason)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/plain";
        TrackerResponse.Failure(http.Response.BodyWriter, reason);
        await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
    }
}
