using System.Security.Claims;
using EnterpriseDistrib.Catalog;
using EnterpriseDistrib.Catalog.Agents;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnterpriseDistrib.Server.Api;

/// <summary><c>/api/v1/agents</c>: the admin's view of enrolled endpoints (list, inspect, revoke).</summary>
public static class AgentEndpoints
{
    /// <summary>Maps the group's endpoints.</summary>
    public static RouteGroupBuilder MapAgentEndpoints(this RouteGroupBuilder group)
    {
        group.WithTags("Agents");
        group.MapGet("/", List).RequireAuthorization(AuthPolicies.Read)
            .WithSummary("Lists agents by hostname; filter by siteId, hostname prefix, revoked or unplaced; page with skip/take.");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(AuthPolicies.Read).WithSummary("Gets one agent, with why it is at its site.");
        group.MapPost("/{id:guid}/revoke", Revoke).RequireAuthorization(AuthPolicies.Administer)
            .WithSummary("Revokes the agent's credential: its next request is refused.");
        return group;
    }

    private static async Task<Results<Ok<PageResponse<AgentResponse>>, ValidationProblem>> List(
        AgentStore store, Guid? siteId, string? hostname, bool? revoked, bool? unplaced, int? skip, int? take, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Text(hostname, "hostname", 253, required: false)
            .Check(skip is null or >= 0, "skip", "skip must be 0 or more.")
            .Check(take is null or (>= 1 and <= Paging.MaxTake), "take", $"take must be between 1 and {Paging.MaxTake}.")
            .Check(!(siteId is not null && unplaced == true), "unplaced", "unplaced=true cannot be combined with siteId.");
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid(validation);
        }

        var page = await store.ListAsync(new AgentQuery(siteId, hostname, revoked, unplaced ?? false, skip ?? 0, take ?? Paging.DefaultTake), cancellationToken);
        return TypedResults.Ok(PageResponse<AgentResponse>.From(page, AgentResponse.From));
    }

    private static async Task<Results<Ok<AgentResponse>, ProblemHttpResult>> Get(Guid id, AgentStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } agent
            ? TypedResults.Ok(AgentResponse.From(agent))
            : ApiProblems.NotFound("Agent", id);

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(
        Guid id, AgentStore store, AgentCredentialCache credentials, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await store.RevokeAsync(id, AdminActor.Describe(user), cancellationToken))
        {
            return ApiProblems.NotFound("Agent", id);
        }

        // Before answering: the agent's next request must be checked against the catalog again.
        credentials.Clear();
        return TypedResults.NoContent();
    }
}

/// <summary>An agent as admins see it (never its credential hash).</summary>
public sealed record AgentResponse(
    Guid Id,
    string Hostname,
    string? OperatingSystem,
    string? AgentVersion,
    Guid? SiteId,
    bool SitePinned,
    string? SiteReason,
    string? LastAddress,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? LastSeenAt,
    DateTimeOffset? RevokedAt)
{
    internal static AgentResponse From(Agent agent) => new(
        agent.Id, agent.Hostname, agent.OperatingSystem, agent.AgentVersion, agent.SiteId, agent.SitePinned, agent.SiteReason,
        agent.LastAddress, agent.EnrolledAt, agent.LastSeenAt, agent.RevokedAt);
}
