namespace EnterpriseDistrib.Server.Auth;

/// <summary>Names used by the agent credential scheme.</summary>
public static class AgentCredentialDefaults
{
    /// <summary>The authentication scheme name.</summary>
    public const string Scheme = "AgentCredential";

    /// <summary>Claim holding the authenticated agent's id.</summary>
    public const string AgentIdClaim = "edist:agent_id";

    /// <summary>Claim holding the agent's current site id, when it has one.</summary>
    public const string SiteIdClaim = "edist:site_id";
}

/// <summary>Options of the agent credential scheme (none beyond the defaults).</summary>
public sealed class AgentCredentialOptions : Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions;
