namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>How an agent installs a package version silently and how it reads the result.</summary>
public sealed class InstallSpec
{
    public InstallerKind Kind { get; set; }

    /// <summary>The file (relative to the content root) or command to run.</summary>
    public required string Command { get; set; }

    public string? Arguments { get; set; }

    /// <summary>Exit codes meaning success (0 when empty).</summary>
    public List<int> SuccessExitCodes { get; set; } = [];

    /// <summary>Exit codes meaning success with a reboot pending (e.g. 3010 for MSI).</summary>
    public List<int> RebootExitCodes { get; set; } = [];

    public int TimeoutSeconds { get; set; }

    public DetectionRule? Detection { get; set; }
}
