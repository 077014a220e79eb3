namespace EnterpriseDistrib.Agent.Installers;

/// <summary>How a detection rule looks for an installed package (the server's <c>DetectionKind</c>, sent by name).</summary>
public enum DetectionKind
{
    /// <summary>A file or folder exists at the target path.</summary>
    FileExists = 1,

    /// <summary>The file at the target has at least the version given as the value.</summary>
    FileVersion = 2,

    /// <summary>A registry value (<c>HKLM\Key\Path\ValueName</c>) exists, and equals the value when one is given. Windows only.</summary>
    RegistryValue = 3,

    /// <summary>An MSI product code is registered as installed. Windows only.</summary>
    MsiProductCode = 4,
}
