namespace EnterpriseDistrib.Catalog.Audit;

/// <summary>The verbs written to the audit log; one place so reports and filters agree on spelling.</summary>
public static class AuditActions
{
    public const string SiteCreate = "site.create";
    public const string SiteUpdate = "site.update";
    public const string SiteDelete = "site.delete";
    public const string OfficeGroupCreate = "office-group.create";
    public const string OfficeGroupUpdate = "office-group.update";
    public const string OfficeGroupDelete = "office-group.delete";
    public const string EnrollmentTokenCreate = "enrollment-token.create";
    public const string EnrollmentTokenRevoke = "enrollment-token.revoke";
    public const string AgentEnroll = "agent.enroll";
    public const string AgentRevoke = "agent.revoke";
    public const string PackageCreate = "package.create";
    public const string PackageVersionRegister = "package-version.register";
    public const string RolloutCreate = "rollout.create";
    public const string RolloutStatus = "rollout.status";

    /// <summary>The actor for changes the control plane makes on its own (an automatic halt, a wave opening).</summary>
    public const string SystemActor = "system";
}
