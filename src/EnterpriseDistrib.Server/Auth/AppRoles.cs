namespace EnterpriseDistrib.Server.Auth;

/// <summary>The Entra ID app roles an admin token carries in its <c>roles</c> claim.</summary>
public static class AppRoles
{
    /// <summary>Everything: sites, groups, enrollment, agents, packages, rollouts.</summary>
    public const string Admin = "Admin";

    /// <summary>Publishes packages and runs rollouts; reads everything.</summary>
    public const string Publisher = "Publisher";

    /// <summary>Reads everything, changes nothing.</summary>
    public const string Viewer = "Viewer";

    /// <summary>All roles, in order of power.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Publisher, Viewer];
}
