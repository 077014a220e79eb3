namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>A piece of software admins publish; each published build of it is a <see cref="PackageVersion"/>.</summary>
public sealed class Package : IVersioned
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public List<PackageVersion> Versions { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public long Version { get; set; }
}
