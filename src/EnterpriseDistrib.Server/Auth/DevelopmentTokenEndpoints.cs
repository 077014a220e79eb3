using Microsoft.AspNetCore.Http.HttpResults;

namespace EnterpriseDistrib.Server.Auth;

/// <summary><c>POST /dev/token?role=Admin&amp;name=...</c>: local tokens for the loopback-only development mode.</summary>
public static class DevelopmentTokenEndpoints
{
    /// <summary>Maps the endpoint; call only in <see cref="AuthMode.Development"/>.</summary>
    public static IEndpointRouteBuilder MapDevelopmentTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/dev/token", Issue)
            .AllowAnonymous()
            .WithTags("Development")
            .WithSummary("Mints a development admin token (loopback-only development mode).");
        return endpoints;
    }

    private static Results<Ok<DevelopmentToken>, ProblemHttpResult> Issue(DevelopmentTokenIssuer issuer, string? role, string? name)
    {
        var matched = AppRoles.All.FirstOrDefault(known => string.Equals(known, role, StringComparison.OrdinalIgnoreCase));
        if (matched is null)
        {
            return TypedResults.Problem(
                title: "Unknown role",
                detail: $"role must be one of {string.Join(", ", AppRoles.All)} (got '{role}'). Example: POST /dev/token?role=Admin",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var who = string.IsNullOrWhiteSpace(name) ? $"dev-{matched.ToLowerInvariant()}" : name.Trim();
        if (who.Length > 128)
        {
            return TypedResults.Problem(title: "Name too long", detail: "name must be at most 128 characters.", statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.Ok(issuer.Mint(matched, who));
    }
}
