using System.Collections.Immutable;
using System.Security.Claims;
using EnterpriseDistrib.Catalog.Agents;
using EnterpriseDistrib.Catalog.Enrollment;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Catalog.Sites;
using EnterpriseDistrib.ControlPlane.Abstractions;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Origin;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EnterpriseDistrib.Server.Api;

/// <summary><c>/api/v1/agent</c>: what endpoint agents call (enroll, heartbeat, assignments, status); agent credentials only.</summary>
public static class AgentProtocolEndpoints
{
    /// <summary>Most reports one status request may carry.</summary>
    public const int MaxReportsPerRequest = 500;

    /// <summary>How often agents are told to call in.</summary>
    public const int HeartbeatSeconds = 300;

    /// <summary>Maps the group's endpoints.</summary>
    public static RouteGroupBuilder MapAgentProtocolEndpoints(this RouteGroupBuilder group)
    {
        group.WithTags("Agent protocol");
        group.MapPost("/enroll", Enroll).AllowAnonymous()
            .WithSummary("Trades an enrollment token for a per-agent credential (authenticated by the token in the body).");
        group.MapPost("/heartbeat", Heartbeat).RequireAuthorization(AuthPolicies.Agent).WithSummary("Records that the agent is alive and re-places it by address.");
        group.MapGet("/assignments", AgentAssignments.ListAsync).RequireAuthorization(AuthPolicies.Agent).WithSummary("The rollouts this agent must carry out now.");
        group.MapGet("/torrents/{versionId:guid}", Torrent).RequireAuthorization(AuthPolicies.Agent).WithSummary("Downloads a package version's .torrent.");
        group.MapPost("/status", Status).RequireAuthorization(AuthPolicies.Agent)
            .WithSummary($"Stores up to {MaxReportsPerRequest} status reports; answers once they are written.");
        return group;
    }

    private static async Task<Results<Created<EnrollResponse>, ValidationProblem, ProblemHttpResult>> Enroll(
        EnrollRequest request, HttpContext http, EnrollmentTokenStore tokens, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Check(AgentCredential.HasShape(request.EnrollmentToken, AgentCredential.EnrollmentPrefix), "enrollmentToken",
                $"enrollmentToken must be the secret an admin created (it starts with '{AgentCredential.EnrollmentPrefix}').")
            .Text(request.Hostname, "hostname", 253)
            .Text(request.OperatingSystem, "operatingSystem", 100, required: false)
            .Text(request.AgentVersion, "agentVersion", 64, required: false);
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid(validation);
        }

        var address = RemoteAddress(http);
        var placement = address is null
            ? new SitePlacement(null, null, null, "The agent's address is unknown, so it could not be placed in a site.")
            : await grains.GetGrain<ISiteDirectoryGrain>(ISiteDirectoryGrain.Key).Resolve(address);
        var credential = AgentCredential.NewCredential();
        var registration = new AgentRegistration(
            request.Hostname!.Trim(), AgentCredential.Hash(credential), request.OperatingSystem, request.AgentVersion, address, placement.SiteId, placement.Reason);
        var outcome = await tokens.EnrollAsync(AgentCredential.Hash(request.EnrollmentToken!), registration, cancellationToken);
        if (!outcome.Succeeded || outcome.Agent is not { } agent)
        {
            return EnrollmentRefused(outcome.Result);
        }

        return TypedResults.Created($"/api/v1/agents/{agent.Id}", new EnrollResponse(agent.Id, credential, agent.SiteId, agent.SiteReason));
    }

    private static async Task<Results<Ok<HeartbeatResponse>, ValidationProblem, ProblemHttpResult>> Heartbeat(
        HeartbeatRequest? request, ClaimsPrincipal user, HttpContext http, AgentStore agents, SiteStore sites, AgentCredentialCache credentials, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        var validation = new Validation().Text(request?.AgentVersion, "agentVersion", 64, required: false);
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid(validation);
        }

        var agentId = AgentId(user);
        var address = RemoteAddress(http);
        if (!await agents.RecordHeartbeatAsync(agentId, address, request?.AgentVersion, cancellationToken) ||
            await agents.GetAsync(agentId, cancellationToken) is not { } agent)
        {
            return TypedResults.Problem(title: "Agent revoked", detail: "This agent was revoked or deleted; enroll again with a new token.", statusCode: StatusCodes.Status401Unauthorized);
        }

        // An agent that moved (laptop at another office) is re-placed unless an admin or its token pinned it.
        if (!agent.SitePinned && address is not null)
        {
            var placement = await grains.GetGrain<ISiteDirectoryGrain>(ISiteDirectoryGrain.Key).Resolve(address);
            if (placement.SiteId != agent.SiteId || placement.Reason != agent.SiteReason)
            {
                await agents.PlaceAsync(agentId, placement.SiteId, placement.Reason, pinned: false, cancellationToken);

                // Cached identities carry the site that stamps status reports; moves are rare, so forget them all.
                credentials.Clear();
                agent.SiteId = placement.SiteId;
                agent.SiteReason = placement.Reason;
            }
        }

        var schedule = agent.SiteId is { } siteId ? await sites.GetScheduleAsync(siteId, cancellationToken) : null;
        return TypedResults.Ok(new HeartbeatResponse(agentId, agent.SiteId, agent.SiteReason, HeartbeatSeconds, schedule?.TimeZone, schedule?.BusinessHours));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Torrent(Guid versionId, PackageStore packages, CancellationToken cancellationToken) =>
        await packages.GetVersionAsync(versionId, cancellationToken) is { } version
            ? TypedResults.File(version.TorrentBytes, "application/x-bittorrent", $"{version.InfoHash}.torrent")
            : ApiProblems.NotFound("Package version", versionId);

    private static async Task<Results<Ok<StatusReportsResponse>, ValidationProblem, ProblemHttpResult>> Status(
        StatusReportsRequest request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider time, [FromServices] IOriginDirectory? origin, CancellationToken cancellationToken)
    {
        var validation = StatusReportValidation.Validate(request, MaxReportsPerRequest);
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid(validation);
        }

        var agentId = AgentId(user);
        var siteId = user.FindFirst(AgentCredentialDefaults.SiteIdClaim) is { } claim ? Guid.Parse(claim.Value) : (Guid?)null;
        var now = time.GetUtcNow();
        try
        {
            var messages = new List<StatusReportMessage>(request.Reports!.Count);
            foreach (var r in request.Reports!)
            {
                messages.Add(new StatusReportMessage(
                    agentId, r.RolloutId, r.Sequence, r.ReportedAt ?? now, r.State!.Value, r.ProgressPercent, r.BytesDownloaded, r.ExitCode, r.Error, siteId,
                    await TransferClassification.ClassifyAsync(r.Transfers, siteId, grains, origin)));
            }

            var receipt = await grains.GetGrain<IStatusIngestGrain>(IStatusIngestGrain.Key).Submit(new StatusReportBatch([.. messages])).WaitAsync(cancellationToken);
            return TypedResults.Ok(new StatusReportsResponse(receipt.Received, receipt.BatchSize, receipt.BatchApplied));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return TypedResults.Problem(
                title: "Status not stored",
                detail: "The reports could not be written right now and were not acknowledged; keep them and send them again shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    internal static Guid AgentId(ClaimsPrincipal user) => Guid.Parse(user.FindFirst(AgentCredentialDefaults.AgentIdClaim)!.Value);

    internal static string? RemoteAddress(HttpContext http)
    {
        var ip = http.Connection.RemoteIpAddress;
        if (ip is null)
        {
            return null;
        }

        return (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
    }

    private static ProblemHttpResult EnrollmentRefused(EnrollmentResult result) => result switch
    {
        EnrollmentResult.TokenExpired => TypedResults.Problem(title: "Enrollment token expired",
            detail: "This enrollment token has expired; ask an admin for a new one.", statusCode: StatusCodes.Status403Forbidden),
        EnrollmentResult.TokenRevoked => TypedResults.Problem(title: "Enrollment token revoked",
            detail: "This enrollment token was revoked by an admin; ask for a new one.", statusCode: StatusCodes.Status403Forbidden),
        EnrollmentResult.TokenUsedUp => TypedResults.Problem(title: "Enrollment token used up",
            detail: "This enrollment token has reached its maximum number of uses; ask an admin for a new one.", statusCode: StatusCodes.Status403Forbidden),
        _ => TypedResults.Problem(title: "Unknown enrollment token",
            detail: "No enrollment token matches; check that the whole secret was copied.", statusCode: StatusCodes.Status401Unauthorized),
    };
}
