using EnterpriseDistrib.Agent.Installers;

namespace EnterpriseDistrib.Agent.Tests.Installers;

/// <summary>Runs real shell scripts as installers, as the agent does on Linux endpoints.</summary>
public sealed class InstallerRunnerTests : IDisposable
{
    private readonly string _package = Directory.CreateTempSubdirectory("edist-install-").FullName;
    private readonly InstallerRunner _runner = new(TimeProvider.System);

    public void Dispose() => Directory.Delete(_package, recursive: true);

    [Fact]
    public async Task A_script_that_exits_zero_succeeds()
    {
        var result = await RunScriptAsync("echo installing; touch installed.marker; exit 0");

        Assert.Equal(InstallOutcome.Succeeded, result.Outcome);
        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(_package, "installed.marker")));
    }

    [Fact]
    public async Task A_failing_script_reports_its_exit_code_and_the_tail_of_its_output()
    {
        var result = await RunScriptAsync("for i in $(seq 1 500); do echo line $i; done; echo 'disk full' >&2; exit 7");

        Assert.Equal(InstallOutcome.Failed, result.Outcome);
        Assert.Equal(7, result.ExitCode);
        Assert.Contains("disk full", result.LogTail, StringComparison.Ordinal);
        Assert.DoesNotContain("line 1\n", result.LogTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_installer_past_its_timeout_is_killed_with_its_children()
    {
        var result = await RunScriptAsync("sleep 600 & echo started; wait", TimeSpan.FromMilliseconds(500));

        Assert.Equal(InstallOutcome.TimedOut, result.Outcome);
        Assert.Null(result.ExitCode);
        Assert.Contains("timeout", result.LogTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_installer_never_waits_for_the_keyboard()
    {
        var result = await RunScriptAsync("read answer; echo \"got '$answer'\"; exit 0");

        Assert.Equal(InstallOutcome.Succeeded, result.Outcome);
        Assert.Contains("got ''", result.LogTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_program_is_a_failure_not_a_crash()
    {
        var instruction = InstallerExitCodeMapTests.Instruction(InstallerKind.Exe) with { File = "missing.exe" };
        var line = InstallCommandLine.For(instruction, _package, _package, isWindows: false);

        var result = await _runner.RunAsync(instruction, line, _package, CancellationToken.None);

        Assert.Equal(InstallOutcome.Failed, result.Outcome);
        Assert.Contains("Could not start", result.LogTail, StringComparison.Ordinal);
    }

    private async Task<InstallResult> RunScriptAsync(string script, TimeSpan? timeout = null)
    {
        await File.WriteAllTextAsync(Path.Combine(_package, "install.sh"), script + "\n");
        var instruction = InstallerExitCodeMapTests.Instruction(InstallerKind.Script) with
        {
            File = "install.sh",
            Timeout = timeout ?? TimeSpan.FromMinutes(1),
        };
        var line = InstallCommandLine.For(instruction, _package, _package, isWindows: false);
        return await _runner.RunAsync(instruction, line, _package, CancellationToken.None);
    }
}
