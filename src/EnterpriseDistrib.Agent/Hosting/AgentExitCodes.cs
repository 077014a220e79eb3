namespace EnterpriseDistrib.Agent.Hosting;

/// <summary>Process exit codes of <c>edist-agent</c>, so scripts and service managers can tell failures apart.</summary>
public static class AgentExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int InvalidConfiguration = 2;
    public const int EnrollmentRefused = 3;
    public const int NotEnrolled = 4;
    public const int ServerUnavailable = 5;
    public const int Cancelled = 130;
}
