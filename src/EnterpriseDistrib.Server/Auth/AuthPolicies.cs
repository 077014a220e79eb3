namespace EnterpriseDistrib.Server.Auth;

/// <summary>Authorization policy names; every endpoint names exactly one.</summary>
public static class AuthPolicies
{
    /// <summary>Read access: Admin, Publisher or Viewer.</summary>
    public const string Read = "read";

    /// <summary>Publishing packages and running rollouts: Admin or Publisher.</summary>
    public const string Publish = "publish";

    /// <summary>Changing the fleet's structure and trust (sites, groups, enrollment, agents): Admin only.</summary>
    public const string Administer = "administer";

    /// <summary>An enrolled, unrevoked agent presenting its credential.</summary>
    public const string Agent = "agent";
}
