namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>Answer of enrollment: the agent's id and its credential, shown once by the server.</summary>
public sealed record EnrollResponse(Guid AgentId, string Credential, Guid? SiteId, string? SiteReason)
{
    // The credential is a secret: keep it out of any log line that prints this record.
    public override string ToString() => $"EnrollResponse {{ AgentId = {AgentId}, SiteId = {SiteId}, SiteReason = {SiteReason} }}";
}
