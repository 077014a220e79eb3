namespace EnterpriseDistrib.Agent.Installers;

/// <summary>What one installer run did: the outcome, its exit code (none when killed), how long it took and the end of its log.</summary>
public sealed record InstallResult(InstallOutcome Outcome, int? ExitCode, TimeSpan Duration, string LogTail)
{
    public bool Succeeded => Outcome is InstallOutcome.Succeeded or InstallOutcome.SucceededRebootRequired;
}
