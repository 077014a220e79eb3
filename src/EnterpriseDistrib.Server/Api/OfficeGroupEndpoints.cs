using System.Security.Claims;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.OfficeGroups;
using EnterpriseDistrib.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnterpriseDistrib.Server.Api;

/// <summary><c>/api/v1/office-groups</c>: named sets of sites that rollout waves target.</summary>
public static class OfficeGroupEndpoints
{
    /// <summary>Longest group name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Most sites in one group.</summary>
    public const int MaxSites = 10_000;

    /// <summary>Maps the group's endpoints.</summary>
    public static RouteGroupBuilder MapOfficeGroupEndpoints(this RouteGroupBuilder group)
    {
        group.WithTags("Office groups");
        group.MapGet("/", List).RequireAuthorization(AuthPolicies.Read).WithSummary("Lists office groups.");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(AuthPolicies.Read).WithSummary("Gets one office group.");
        group.MapPost("/", Create).RequireAuthorization(AuthPolicies.Administer).WithSummary("Creates an office group.");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(AuthPolicies.Administer).WithSummary("Replaces an office group (send the version you read).");
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(AuthPolicies.Administer).WithSummary("Deletes an office group no rollout targets.");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<OfficeGroupResponse>>> List(OfficeGroupStore store, CancellationToken cancellationToken)
    {
        var groups = await store.ListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<OfficeGroupResponse>>(groups.Select(OfficeGroupResponse.From).ToList());
    }

    private static async Task<Results<Ok<OfficeGroupResponse>, ProblemHttpResult>> Get(Guid id, OfficeGroupStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } found
            ? TypedResults.Ok(OfficeGroupResponse.From(found))
            : ApiProblems.NotFound("Office group", id);

    private static async Task<Results<Created<OfficeGroupResponse>, ValidationProblem>> Create(
        OfficeGroupRequest request, OfficeGroupStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = request.Validate(requireVersion: false);
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid(validation);
        }

        var created = await store.CreateAsync(request.ToDraft(), AdminActor.Describe(user), cancellationToken);
        return TypedResults.Created($"/api/v1/office-groups/{created.Id}", OfficeGroupResponse.From(created));
    }

    private static async Task<Results<Ok<OfficeGroupResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, OfficeGroupRequest request, OfficeGroupStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = request.Validate(requireVersion: true);
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid(validation);
        }

        var updated = await store.UpdateAsync(id, request.Version!.Value, request.ToDraft(), AdminActor.Describe(user), cancellationToken);
        return updated is null ? ApiProblems.NotFound("Office group", id) : TypedResults.Ok(OfficeGroupResponse.From(updated));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, long? version, OfficeGroupStore store, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await store.DeleteAsync(id, version, AdminActor.Describe(user), cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("Office group", id);
}

/// <summary>Body of create and replace; <see cref="Version"/> is required on replace.</summary>
public sealed record OfficeGroupRequest(string? Name, string? Description, IReadOnlyList<Guid>? SiteIds, long? Version = null)
{
    internal Validation Validate(bool requireVersion)
    {
        var validation = new Validation()
            .Text(Name, "name", OfficeGroupEndpoints.MaxNameLength)
            .Text(Description, "description", 1000, required: false)
            .Check(SiteIds is not null, "siteIds", "siteIds is required (it may be empty).")
            .Check(SiteIds is null || SiteIds.Count <= OfficeGroupEndpoints.MaxSites, "siteIds", $"At most {OfficeGroupEndpoints.MaxSites} sites per group.")
            .Check(SiteIds is null || !SiteIds.Contains(Guid.Empty), "siteIds", "siteIds must not contain the empty id.");
        return requireVersion ? validation.Check(Version is not null, "version", "version is required: send the version you read, so a concurrent change is not overwritten.") : validation;
    }

    internal OfficeGroupDraft ToDraft() => new(Name!.Trim(), SiteIds!.Distinct().ToList(), string.IsNullOrWhiteSpace(Description) ? null : Description.Trim());
}

/// <summary>An office group as the API shows it.</summary>
public sealed record OfficeGroupResponse(Guid Id, string Name, string? Description, IReadOnlyList<Guid> SiteIds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    internal static OfficeGroupResponse From(OfficeGroup group) =>
        new(group.Id, group.Name, group.Description, group.Sites.Select(s => s.SiteId).OrderBy(id => id).ToList(), group.CreatedAt, group.UpdatedAt, group.Version);
}
