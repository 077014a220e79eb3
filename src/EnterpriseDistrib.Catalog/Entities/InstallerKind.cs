namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>What sort of installer a package version carries.</summary>
public enum InstallerKind
{
    Msi = 1,
    Exe = 2,
    Script = 3,
}
