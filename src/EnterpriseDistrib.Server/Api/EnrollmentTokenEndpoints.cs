using System.Security.Claims;
using EnterpriseDistrib.Catalog.Enrollment;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnterpriseDistrib.Server.Api;

/// <summary><c>/api/v1/enrollment-tokens</c>: scoped, expiring, revocable secrets that agents trade for a credential.</summary>
public static class EnrollmentTokenEndpoints
{
    /// <summary>Lifetime when the request names none.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(1);

    /// <summary>Longest lifetime an enrollment token may have.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(90);

    /// <summary>Maps the group's endpoints.</summary>
    public static RouteGroupBuilder MapEnrollmentTokenEndpoints(this RouteGroupBuilder group)
    {
        group.WithTags("Enrollment tokens");
        group.MapGet("/", List).RequireAuthorization(AuthPolicies.Read).WithSummary("Lists enrollment tokens (never their secrets).");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(AuthPolicies.Read).WithSummary("Gets one enrollment token.");
        group.MapPost("/", Create).RequireAuthorization(AuthPolicies.Administer).WithSummary("Creates a token; its secret is shown in this answer only.");
        group.MapPost("/{id:guid}/revoke", Revoke).RequireAuthorization(AuthPolicies.Administer).WithSummary("Revokes a token at once.");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<EnrollmentTokenResponse>>> List(EnrollmentTokenStore store, bool? includeRevoked, CancellationToken cancellationToken)
    {
        var tokens = await store.ListAsync(includeRevoked ?? false, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<EnrollmentTokenResponse>>(tokens.Select(t => EnrollmentTokenResponse.From(t, null)).ToList());
    }

    private static async Task<Results<Ok<EnrollmentTokenResponse>, ProblemHttpResult>> Get(Guid id, EnrollmentTokenStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } token
            ? TypedResults.Ok(EnrollmentTokenResponse.From(token, null))
            : ApiProblems.NotFound("Enrollment token", id);

    private static async Task<Results<Created<EnrollmentTokenResponse>, ValidationProblem>> Create(
        EnrollmentTokenRequest request, EnrollmentTokenStore store, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var lifetime = request.ExpiresInHours is { } hours ? TimeSpan.FromHours(hours) : DefaultLifetime;
        var validation = new Validation()
            .Text(request.Description, "description", 200)
            .Check(request.ExpiresInHours is null or (> 0 and <= 24 * 90), "expiresInHours", $"expiresInHours must be between 1 and {24 * 90} (90 days).")
            .Check(request.MaxUses is null or (> 0 and <= 1_000_000), "maxUses", "maxUses must be between 1 and 1000000, or omitted for unlimited use until expiry.")
            .Check(request.SiteId != Guid.Empty, "siteId", "siteId must not be the empty id; omit it to place agents by address.");
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid(validation);
        }

        var secret = AgentCredential.NewEnrollmentSecret();
        var draft = new EnrollmentTokenDraft(request.Description!.Trim(), AgentCredential.Hash(secret), time.GetUtcNow() + lifetime, request.SiteId, request.MaxUses);
        var token = await store.CreateAsync(draft, AdminActor.Describe(user), cancellationToken);
        return TypedResults.Created($"/api/v1/enrollment-tokens/{token.Id}", EnrollmentTokenResponse.From(token, secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, EnrollmentTokenStore store, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await store.RevokeAsync(id, AdminActor.Describe(user), cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound("Enrollment token", id);
}

/// <summary>Body of token creation; <see cref="SiteId"/> pins every agent enrolled with it to that site.</summary>
public sealed record EnrollmentTokenRequest(string? Description, int? ExpiresInHours = null, int? MaxUses = null, Guid? SiteId = null);

/// <summary>An enrollment token as the API shows it; <see cref="Secret"/> only in the creation answer.</summary>
public sealed record EnrollmentTokenResponse(
    Guid Id,
    string Description,
    Guid? SiteId,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset ExpiresAt,
    int? MaxUses,
    int UseCount,
    DateTimeOffset? RevokedAt,
    string? Secret)
{
    internal static EnrollmentTokenResponse From(EnrollmentToken token, string? secret) =>
        new(token.Id, token.Description, token.SiteId, token.CreatedAt, token.CreatedBy, token.ExpiresAt, token.MaxUses, token.UseCount, token.RevokedAt, secret);
}
