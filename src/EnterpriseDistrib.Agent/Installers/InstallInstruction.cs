using System.Collections.Immutable;

namespace EnterpriseDistrib.Agent.Installers;

/// <summary>
/// What the server says to run once a package is downloaded and verified: the file in the package,
/// its arguments, which exit codes mean success or success-with-reboot, and how long it may take.
/// </summary>
/// <param name="Kind">MSI, EXE or script.</param>
/// <param name="File">The installer's path relative to the package folder.</param>
/// <param name="Arguments">Extra arguments (for MSI: properties such as <c>ALLUSERS=1</c>).</param>
/// <param name="SuccessCodes">Exit codes that mean installed; empty for the kind's defaults.</param>
/// <param name="RebootCodes">Exit codes that mean installed, reboot required; empty for the kind's defaults.</param>
/// <param name="Timeout">After this the installer is killed and the install fails.</param>
public sealed record InstallInstruction(
    InstallerKind Kind,
    string File,
    ImmutableArray<string> Arguments,
    ImmutableArray<int> SuccessCodes,
    ImmutableArray<int> RebootCodes,
    TimeSpan Timeout);
