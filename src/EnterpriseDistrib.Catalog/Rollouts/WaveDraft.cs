namespace EnterpriseDistrib.Catalog.Rollouts;

/// <summary>One wave of a new rollout.</summary>
public sealed record WaveDraft(Guid OfficeGroupId, DateTimeOffset StartsAt, DateTimeOffset? Deadline = null);
