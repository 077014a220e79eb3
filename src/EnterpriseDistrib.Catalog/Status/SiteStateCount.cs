using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.Catalog.Status;

/// <summary>How many agents of one site are in one state of a rollout; SiteId null for unplaced agents.</summary>
public sealed record SiteStateCount(Guid? SiteId, AgentRolloutState State, int Count);
