namespace EnterpriseDistrib.Catalog.OfficeGroups;

/// <summary>What an admin sends to create or replace an office group.</summary>
public sealed record OfficeGroupDraft(string Name, IReadOnlyList<Guid> SiteIds, string? Description = null);
