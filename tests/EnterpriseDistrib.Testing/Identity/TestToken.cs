namespace EnterpriseDistrib.Testing.Identity;

/// <summary>What a minted test token claims and how it is signed; each deviation from a valid token is one property.</summary>
public sealed record TestToken
{
    /// <summary>App roles carried in the <c>roles</c> claim (Admin, Publisher, Viewer or anything else).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The <c>aud</c> claim; null means the issuer's client id (the valid audience).</summary>
    public string? Audience { get; init; }

    /// <summary>The <c>iss</c> claim; null means the issuer's own issuer (the valid one).</summary>
    public string? Issuer { get; init; }

    /// <summary>Start of validity relative to now (negative = in the past).</summary>
    public TimeSpan NotBeforeOffset { get; init; } = TimeSpan.FromMinutes(-1);

    /// <summary>End of validity relative to now; a negative value mints an expired token.</summary>
    public TimeSpan ExpiresOffset { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Sign with a key the issuer never published (same kid), as a forger would.</summary>
    public bool SignWithForeignKey { get; init; }

    /// <summary>The user's display name (<c>name</c> claim).</summary>
    public string Name { get; init; } = "Test Admin";

    /// <summary>The user's object id (<c>oid</c> claim).</summary>
    public string ObjectId { get; init; } = "00000000-0000-0000-0000-0000000000aa";

    /// <summary>Scopes for the <c>scp</c> claim (space separated), or null for none.</summary>
    public string? Scopes { get; init; }
}
