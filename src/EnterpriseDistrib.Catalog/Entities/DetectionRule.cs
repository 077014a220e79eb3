namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>How an agent tells that a package version is already installed (so it skips the install).</summary>
public sealed class DetectionRule
{
    public DetectionKind Kind { get; set; }

    /// <summary>File path, registry key or MSI product code, depending on <see cref="Kind"/>.</summary>
    public required string Target { get; set; }

    /// <summary>Expected value (e.g. a minimum file version), when the kind needs one.</summary>
    public string? Value { get; set; }
}
