using System.ComponentModel;
using System.Diagnostics;

namespace EnterpriseDistrib.Agent.Installers;

/// <summary>
/// Runs an installer silently and decides what its exit means. A run past its timeout has its whole
/// process tree killed; the tail of the installer's log (or of its output) goes into the result so a
/// failure report says why.
/// </summary>
public sealed class InstallerRunner(TimeProvider timeProvider)
{
    public async Task<InstallResult> RunAsync(InstallInstruction instruction, InstallCommandLine commandLine, string workingFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        ArgumentNullException.ThrowIfNull(commandLine);
        var start = new ProcessStartInfo(commandLine.Program)
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in commandLine.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Two tails: a chatty installer's standard output must not push its last error lines out.
        var output = new OutputTail();
        var errors = new OutputTail();
        var began = timeProvider.GetTimestamp();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => errors.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception error)
        {
            return new InstallResult(InstallOutcome.Failed, null, TimeSpan.Zero, $"Could not start '{commandLine.Program}': {error.Message}");
        }

        // Installers run unattended: nothing may wait for a keyboard.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(instruction.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return new InstallResult(
                InstallOutcome.TimedOut, null, timeProvider.GetElapsedTime(began),
                $"Killed after the install timeout of {instruction.Timeout}.\n{LogTail(commandLine, output, errors)}");
        }

        var exitCode = process.ExitCode;
        return new InstallResult(
            InstallerExitCodeMap.Classify(instruction, exitCode), exitCode, timeProvider.GetElapsedTime(began), LogTail(commandLine, output, errors));
    }

    private static string LogTail(InstallCommandLine commandLine, OutputTail output, OutputTail errors)
    {
        if (commandLine.LogFile is { } log && File.Exists(log))
        {
            return OutputTail.OfFile(log);
        }

        var errorText = errors.ToString();
        return errorText.Length == 0 ? output.ToString() : $"{output}\n--- standard error ---\n{errorText}";
    }
}
