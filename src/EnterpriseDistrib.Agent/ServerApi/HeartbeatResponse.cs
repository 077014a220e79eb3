namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>Answer of a heartbeat: where the server placed the agent and when to call again.</summary>
public sealed record HeartbeatResponse(Guid AgentId, Guid? SiteId, string? SiteReason, int NextHeartbeatSeconds);
