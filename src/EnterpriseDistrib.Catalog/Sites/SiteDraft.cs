namespace EnterpriseDistrib.Catalog.Sites;

/// <summary>What an admin sends to create or replace a site. CIDRs must already be validated and normalized.</summary>
public sealed record SiteDraft(
    string Name,
    IReadOnlyList<string> Cidrs,
    string? Description = null,
    Guid? ParentId = null,
    long? WanCapacityBitsPerSecond = null,
    string? TimeZone = null,
    BusinessHoursPolicy? BusinessHours = null);
