namespace EnterpriseDistrib.Agent.Installers;

/// <summary>How a package installs: each kind has its own command line and usual exit codes.</summary>
public enum InstallerKind
{
    /// <summary>A Windows Installer package run by msiexec.</summary>
    Msi,

    /// <summary>A setup program with its own silent switches.</summary>
    Exe,

    /// <summary>A PowerShell script on Windows, a POSIX shell script elsewhere.</summary>
    Script,
}
