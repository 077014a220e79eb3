namespace EnterpriseDistrib.Agent.Installers;

/// <summary>
/// Turns an installer's exit code into an outcome. Codes given in the instruction win; otherwise the
/// kind's conventions: for MSI, 0 is success and 3010 (ERROR_SUCCESS_REBOOT_REQUIRED) and 1641
/// (ERROR_SUCCESS_REBOOT_INITIATED) are success with a reboot; for EXE and scripts, 0 is success.
/// </summary>
public static class InstallerExitCodeMap
{
    public const int MsiRebootRequired = 3010;
    public const int MsiRebootInitiated = 1641;

    public static IReadOnlyList<int> DefaultSuccessCodes(InstallerKind kind) => [0];

    public static IReadOnlyList<int> DefaultRebootCodes(InstallerKind kind) =>
        kind == InstallerKind.Msi ? [MsiRebootRequired, MsiRebootInitiated] : [];

    public static InstallOutcome Classify(InstallInstruction instruction, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var success = instruction.SuccessCodes.IsDefaultOrEmpty ? DefaultSuccessCodes(instruction.Kind) : instruction.SuccessCodes;
        var reboot = instruction.RebootCodes.IsDefaultOrEmpty ? DefaultRebootCodes(instruction.Kind) : instruction.RebootCodes;
        return success.Contains(exitCode) ? InstallOutcome.Succeeded
            : reboot.Contains(exitCode) ? InstallOutcome.SucceededRebootRequired
            : InstallOutcome.Failed;
    }
}
