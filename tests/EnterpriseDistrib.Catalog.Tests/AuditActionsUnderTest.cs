namespace EnterpriseDistrib.Catalog.Tests;

/// <summary>The audit verbs spelled out, so a renamed constant shows up as a failing test rather than passing silently.</summary>
internal static class AuditActionsUnderTest
{
    public const string SiteCreate = "site.create";
    public const string AgentRevoke = "agent.revoke";
    public const string RolloutStatus = "rollout.status";
}
