namespace EnterpriseDistrib.Server.Tracker;

/// <summary>What the tracker knows of an agent from the catalog, refreshed every <see cref="TrackerOptions.CatalogRefresh"/>.</summary>
/// <param name="Exists">False when no agent has this id (deleted).</param>
internal sealed record TrackedAgent(Guid AgentId, bool Exists, bool Revoked, Guid? SiteId, bool SitePinned);
