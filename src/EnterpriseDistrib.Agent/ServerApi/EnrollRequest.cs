namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>Body of <c>POST /api/v1/agent/enroll</c>: the admin's enrollment token and what the agent is.</summary>
public sealed record EnrollRequest(string EnrollmentToken, string Hostname, string? OperatingSystem, string? AgentVersion)
{
    // The token is a secret: keep it out of any log line that prints this record.
    public override string ToString() => $"EnrollRequest {{ Hostname = {Hostname}, OperatingSystem = {OperatingSystem}, AgentVersion = {AgentVersion} }}";
}
