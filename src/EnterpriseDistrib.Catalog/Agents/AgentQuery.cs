namespace EnterpriseDistrib.Catalog.Agents;

/// <summary>Filters and paging for the agent list. <see cref="HostnamePrefix"/> matches case-sensitively from the start.</summary>
public sealed record AgentQuery(Guid? SiteId = null, string? HostnamePrefix = null, bool? Revoked = null, bool Unplaced = false, int Skip = 0, int Take = Paging.DefaultTake);
