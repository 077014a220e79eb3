namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>The kinds of installed-state detection an install spec can name.</summary>
public enum DetectionKind
{
    FileExists = 1,
    FileVersion = 2,
    RegistryValue = 3,
    MsiProductCode = 4,
}
