namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>
/// Answer of a heartbeat: where the server placed the agent, when to call again, the site's IANA time zone (null = UTC)
/// and its business-hours caps (null = none; then the agent's configuration decides).
/// </summary>
public sealed record HeartbeatResponse(
    Guid AgentId, Guid? SiteId, string? SiteReason, int NextHeartbeatSeconds, string? SiteTimeZone = null, SiteBusinessHours? BusinessHours = null);
