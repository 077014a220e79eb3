namespace EnterpriseDistrib.Agent.Installers;

/// <summary>The process to start for an install: the program, its arguments, and the log it writes (if any).</summary>
public sealed record InstallCommandLine(string Program, IReadOnlyList<string> Arguments, string? LogFile)
{
    /// <summary>
    /// Builds the silent command line for an instruction. MSI: <c>msiexec /i file /qn /norestart /l*v log</c>
    /// (the reboot is the agent's decision, never the installer's). Scripts: PowerShell with no profile on
    /// Windows, <c>/bin/sh</c> elsewhere.
    /// </summary>
    /// <param name="instruction">What to run.</param>
    /// <param name="packageFolder">Where the verified package content is.</param>
    /// <param name="logFolder">Where installer logs go.</param>
    /// <param name="isWindows">The endpoint's platform (a parameter so both are testable anywhere).</param>
    public static InstallCommandLine For(InstallInstruction instruction, string packageFolder, string logFolder, bool isWindows)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var file = ResolveInside(packageFolder, instruction.File);
        var arguments = instruction.Arguments.IsDefault ? [] : instruction.Arguments;
        switch (instruction.Kind)
        {
            case InstallerKind.Msi:
                var log = Path.Combine(logFolder, Path.GetFileNameWithoutExtension(file) + ".msi.log");
                return new InstallCommandLine("msiexec", ["/i", file, "/qn", "/norestart", "/l*v", log, .. arguments], log);
            case InstallerKind.Exe:
                return new InstallCommandLine(file, [.. arguments], null);
            case InstallerKind.Script when isWindows:
                return new InstallCommandLine(
                    "powershell.exe", ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File", file, .. arguments], null);
            case InstallerKind.Script:
                return new InstallCommandLine("/bin/sh", [file, .. arguments], null);
            default:
                throw new ArgumentOutOfRangeException(nameof(instruction), instruction.Kind, "Unknown installer kind.");
        }
    }

    /// <summary>The installer must be a file of the package: a path from the server is not trusted to stay inside it.</summary>
    private static string ResolveInside(string packageFolder, string relativeFile)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(packageFolder)) + Path.DirectorySeparatorChar;
        if (string.IsNullOrWhiteSpace(relativeFile) || Path.IsPathRooted(relativeFile))
        {
            throw new InvalidOperationException($"The installer path '{relativeFile}' must be relative to the package folder.");
        }

        var full = Path.GetFullPath(Path.Combine(root, relativeFile));
        if (!full.StartsWith(root, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The installer path '{relativeFile}' leaves the package folder.");
        }

        return full;
    }
}
