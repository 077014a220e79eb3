using EnterpriseDistrib.Agent.Installers;

namespace EnterpriseDistrib.Agent.Tests.Installers;

public sealed class InstallerExitCodeMapTests
{
    [Theory]
    [InlineData(0, InstallOutcome.Succeeded)]
    [InlineData(3010, InstallOutcome.SucceededRebootRequired)]
    [InlineData(1641, InstallOutcome.SucceededRebootRequired)]
    [InlineData(1603, InstallOutcome.Failed)]
    [InlineData(-1, InstallOutcome.Failed)]
    public void Msi_codes_follow_windows_installer_conventions(int exitCode, InstallOutcome expected)
    {
        Assert.Equal(expected, InstallerExitCodeMap.Classify(Instruction(InstallerKind.Msi), exitCode));
    }

    [Fact]
    public void An_exe_treats_3010_as_failure_unless_the_spec_says_otherwise()
    {
        Assert.Equal(InstallOutcome.Failed, InstallerExitCodeMap.Classify(Instruction(InstallerKind.Exe), 3010));
    }

    [Fact]
    public void Codes_from_the_spec_replace_the_defaults()
    {
        var instruction = Instruction(InstallerKind.Exe) with { SuccessCodes = [0, 2], RebootCodes = [194] };

        Assert.Equal(InstallOutcome.Succeeded, InstallerExitCodeMap.Classify(instruction, 2));
        Assert.Equal(InstallOutcome.SucceededRebootRequired, InstallerExitCodeMap.Classify(instruction, 194));
        Assert.Equal(InstallOutcome.Failed, InstallerExitCodeMap.Classify(instruction, 1));
    }

    internal static InstallInstruction Instruction(InstallerKind kind) =>
        new(kind, "setup", [], [], [], TimeSpan.FromMinutes(1));
}
