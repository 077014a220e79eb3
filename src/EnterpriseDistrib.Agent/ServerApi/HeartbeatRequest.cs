namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>Body of <c>POST /api/v1/agent/heartbeat</c>.</summary>
public sealed record HeartbeatRequest(string? AgentVersion);
