using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.Catalog.Rollouts;

/// <summary>Filters and paging for the rollout list (newest first).</summary>
public sealed record RolloutQuery(RolloutStatus? Status = null, Guid? PackageVersionId = null, int Skip = 0, int Take = Paging.DefaultTake);
