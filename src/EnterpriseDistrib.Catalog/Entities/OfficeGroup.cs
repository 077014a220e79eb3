namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>A named set of sites that a rollout wave targets.</summary>
public sealed class OfficeGroup : IVersioned
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public List<OfficeGroupSite> Sites { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }
}
