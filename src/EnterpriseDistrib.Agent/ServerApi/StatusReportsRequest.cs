namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>Body of <c>POST /api/v1/agent/status</c>.</summary>
public sealed record StatusReportsRequest(IReadOnlyList<StatusReport> Reports);
