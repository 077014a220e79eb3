namespace EnterpriseDistrib.Agent.Installers;

/// <summary>What an installer run meant for the endpoint.</summary>
public enum InstallOutcome
{
    Succeeded,
    SucceededRebootRequired,
    Failed,
    TimedOut,
}
