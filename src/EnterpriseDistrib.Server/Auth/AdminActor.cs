using System.Security.Claims;

namespace EnterpriseDistrib.Server.Auth;

/// <summary>Names the person behind an admin token for the audit log: display name and Entra object id.</summary>
public static class AdminActor
{
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    /// <summary>"Display Name (oid)", or whichever of the two the token carries.</summary>
    public static string Describe(ClaimsPrincipal user)
    {
        var name = user.FindFirst("name")?.Value ?? user.Identity?.Name ?? user.FindFirst("preferred_username")?.Value;
        var objectId = user.FindFirst("oid")?.Value ?? user.FindFirst(ObjectIdClaim)?.Value;
        var actor = (name, objectId) switch
        {
            ({ } n, { } o) => $"{n} ({o})",
            ({ } n, null) => n,
            (null, { } o) => o,
            _ => "unknown",
        };
        return actor.Length <= 200 ? actor : actor[..200];
    }
}
