using EnterpriseDistrib.Agent.Installers;

namespace EnterpriseDistrib.Agent.Tests.Installers;

public sealed class InstallCommandLineTests
{
    private static readonly string Package = Path.Combine(Path.GetTempPath(), "pkg");
    private static readonly string Logs = Path.Combine(Path.GetTempPath(), "logs");

    [Fact]
    public void Msi_runs_quietly_without_restarting_and_logs_verbosely()
    {
        var instruction = InstallerExitCodeMapTests.Instruction(InstallerKind.Msi) with { File = "app.msi", Arguments = ["ALLUSERS=1"] };

        var line = InstallCommandLine.For(instruction, Package, Logs, isWindows: true);

        Assert.Equal("msiexec", line.Program);
        Assert.Equal(["/i", Path.Combine(Package, "app.msi"), "/qn", "/norestart", "/l*v", Path.Combine(Logs, "app.msi.log"), "ALLUSERS=1"], line.Arguments);
        Assert.Equal(Path.Combine(Logs, "app.msi.log"), line.LogFile);
    }

    [Fact]
    public void Scripts_run_under_powershell_on_windows_and_sh_elsewhere()
    {
        var instruction = InstallerExitCodeMapTests.Instruction(InstallerKind.Script) with { File = "install.ps1" };

        Assert.Equal("powershell.exe", InstallCommandLine.For(instruction, Package, Logs, isWindows: true).Program);
        Assert.Equal("/bin/sh", InstallCommandLine.For(instruction, Package, Logs, isWindows: false).Program);
    }

    [Theory]
    [InlineData("../outside.exe")]
    [InlineData("/usr/bin/evil")]
    [InlineData("sub/../../evil.exe")]
    [InlineData("")]
    public void An_installer_path_outside_the_package_is_refused(string file)
    {
        var instruction = InstallerExitCodeMapTests.Instruction(InstallerKind.Exe) with { File = file };

        Assert.Throws<InvalidOperationException>(() => InstallCommandLine.For(instruction, Package, Logs, isWindows: false));
    }
}
