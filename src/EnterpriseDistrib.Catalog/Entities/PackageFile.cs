namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>One file of a package version's content (path relative to the content root, '/'-separated).</summary>
public sealed class PackageFile
{
    public required string Path { get; set; }

    public long Length { get; set; }
}
