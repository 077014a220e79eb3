using System.Security.Claims;
using EnterpriseDistrib.Catalog;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.Catalog.Sites;
using EnterpriseDistrib.Catalog.Status;
using EnterpriseDistrib.ControlPlane.Abstractions;
using EnterpriseDistrib.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnterpriseDistrib.Server.Api;

/// <summary><c>/api/v1/rollouts</c>: schedule a package version to office groups in waves, steer it, watch it.</summary>
public static class RolloutEndpoints
{
    /// <summary>Maps the group's endpoints.</summary>
    public static RouteGroupBuilder MapRolloutEndpoints(this RouteGroupBuilder group)
    {
        group.WithTags("Rollouts");
        group.MapGet("/", List).RequireAuthorization(AuthPolicies.Read).WithSummary("Lists rollouts, newest first; filter by status or package version.");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(AuthPolicies.Read).WithSummary("Gets one rollout with its waves and current status.");
        group.MapPost("/", Create).RequireAuthorization(AuthPolicies.Publish).WithSummary("Creates a rollout; waves open at their start times.");
        group.MapPost("/{id:guid}/pause", Pause).RequireAuthorization(AuthPolicies.Publish).WithSummary("Pauses a scheduled or running rollout.");
        group.MapPost("/{id:guid}/resume", Resume).RequireAuthorization(AuthPolicies.Publish).WithSummary("Resumes a paused or halted rollout.");
        group.MapPost("/{id:guid}/cancel", Cancel).RequireAuthorization(AuthPolicies.Publish).WithSummary("Cancels a rollout for good.");
        group.MapGet("/{id:guid}/progress", Progress).RequireAuthorization(AuthPolicies.Read).WithSummary("Agents per state, in all and per site.");
        group.MapGet("/{id:guid}/progress/agents", AgentProgress).RequireAuthorization(AuthPolicies.Read)
            .WithSummary("Per-agent status; filter by siteId or state, page with skip/take.");
        return group;
    }

    private static async Task<Results<Ok<PageResponse<RolloutResponse>>, ValidationProblem>> List(
        RolloutStore store, RolloutStatus? status, Guid? packageVersionId, int? skip, int? take, CancellationToken cancellationToken)
    {
        var validation = PagingValidation(skip, take);
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid(validation);
        }

        var page = await store.ListAsync(new RolloutQuery(status, packageVersionId, skip ?? 0, take ?? Paging.DefaultTake), cancellationToken);
        return TypedResults.Ok(PageResponse<RolloutResponse>.From(page, r => RolloutResponse.From(r)));
    }

    private static async Task<Results<Ok<RolloutResponse>, ProblemHttpResult>> Get(Guid id, RolloutStore store, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } rollout)
        {
            return ApiProblems.NotFound("Rollout", id);
        }

        // The grain applies a wave start that came due since the row was written.
        var snapshot = await grains.GetGrain<IRolloutGrain>(id).GetSnapshot();
        return TypedResults.Ok(RolloutResponse.From(rollout, snapshot));
    }

    private static async Task<Results<Created<RolloutResponse>, ValidationProblem, ProblemHttpResult>> Create(
        RolloutRequest request, RolloutStore store, PackageContentStore contents, IGrainFactory grains, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = request.Validate();
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid(validation);
        }

        // Agents could fetch nothing: only content the origin verified and seeds may be rolled out.
        if (await contents.GetStateAsync(request.PackageVersionId!.Value, cancellationToken) is { } state && state != PackageContentState.Available)
        {
            return ApiProblems.Conflict(
                "The version's content is not available",
                $"Package version {request.PackageVersionId} is {state} at the origin; publish its content first (edist publish, or the upload API) and wait until it is Available.");
        }

        var rollout = await store.CreateAsync(request.ToDraft(), AdminActor.Describe(user), cancellationToken);
        var snapshot = await grains.GetGrain<IRolloutGrain>(rollout.Id).Activate();
        return TypedResults.Created($"/api/v1/rollouts/{rollout.Id}", RolloutResponse.From(rollout, snapshot));
    }

    private static Task<Results<Ok<RolloutSnapshot>, ProblemHttpResult>> Pause(Guid id, IGrainFactory grains, ClaimsPrincipal user) =>
        Command(id, grains.GetGrain<IRolloutGrain>(id).Pause(AdminActor.Describe(user)));

    private static Task<Results<Ok<RolloutSnapshot>, ProblemHttpResult>> Resume(Guid id, IGrainFactory grains, ClaimsPrincipal user) =>
        Command(id, grains.GetGrain<IRolloutGrain>(id).Resume(AdminActor.Describe(user)));

    private static Task<Results<Ok<RolloutSnapshot>, ProblemHttpResult>> Cancel(Guid id, IGrainFactory grains, ClaimsPrincipal user) =>
        Command(id, grains.GetGrain<IRolloutGrain>(id).Cancel(AdminActor.Describe(user)));

    private static async Task<Results<Ok<RolloutSnapshot>, ProblemHttpResult>> Command(Guid id, Task<RolloutCommandResult> command)
    {
        var result = await command;
        if (result.NotFound)
        {
            return ApiProblems.NotFound("Rollout", id);
        }

        return result.Accepted
            ? TypedResults.Ok(result.Snapshot)
            : ApiProblems.Conflict("Not possible in the rollout's current status", result.Refusal ?? $"The rollout is {result.Snapshot.Status}.");
    }

    private static async Task<Results<Ok<RolloutProgressResponse>, ProblemHttpResult>> Progress(
        Guid id, RolloutStore rollouts, SiteStore sites, RolloutProgressQueries queries, CancellationToken cancellationToken)
    {
        if (await rollouts.GetAsync(id, cancellationToken) is not { } rollout)
        {
            return ApiProblems.NotFound("Rollout", id);
        }

        var counts = await queries.GetSiteProgressAsync(id, cancellationToken);
        var names = (await sites.ListAsync(cancellationToken)).ToDictionary(s => s.Id, s => s.Name);
        var perSite = counts.GroupBy(c => c.SiteId)
            .Select(g => new SiteProgressResponse(
                g.Key,
                g.Key is { } siteId && names.TryGetValue(siteId, out var name) ? name : null,
                g.Sum(c => c.Count),
                g.ToDictionary(c => c.State, c => c.Count)))
            .OrderBy(s => s.SiteName, StringComparer.Ordinal)
            .ToList();
        var states = counts.GroupBy(c => c.State).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        return TypedResults.Ok(new RolloutProgressResponse(id, rollout.Status, counts.Sum(c => c.Count), states, perSite));
    }

    private static async Task<Results<Ok<PageResponse<AgentProgressResponse>>, ValidationProblem, ProblemHttpResult>> AgentProgress(
        Guid id, Guid? siteId, AgentRolloutState? state, int? skip, int? take, RolloutStore rollouts, RolloutProgressQueries queries, CancellationToken cancellationToken)
    {
        var validation = PagingValidation(skip, take);
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid(validation);
        }

        if (await rollouts.GetAsync(id, cancellationToken) is null)
        {
            return ApiProblems.NotFound("Rollout", id);
        }

        var page = await queries.ListAgentStatusesAsync(id, siteId, state, skip ?? 0, take ?? Paging.DefaultTake, cancellationToken);
        return TypedResults.Ok(PageResponse<AgentProgressResponse>.From(page, AgentProgressResponse.From));
    }

    internal static Validation PagingValidation(int? skip, int? take) => new Validation()
        .Check(skip is null or >= 0, "skip", "skip must be 0 or more.")
        .Check(take is null or (>= 1 and <= Paging.MaxTake), "take", $"take must be between 1 and {Paging.MaxTake}.");
}
