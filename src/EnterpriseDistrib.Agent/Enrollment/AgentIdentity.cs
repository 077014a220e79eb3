namespace EnterpriseDistrib.Agent.Enrollment;

/// <summary>What enrollment established that is not secret: who the agent is and which servers it belongs to.</summary>
/// <param name="BindAddress">The address enrollment left from; <c>run</c> keeps it unless configured otherwise, since the server placed the agent in a site by it.</param>
public sealed record AgentIdentity(Guid AgentId, IReadOnlyList<Uri> ServerUrls, Guid? SiteId, string? SiteReason, DateTimeOffset EnrolledAt, string? BindAddress = null);
