using EnterpriseDistrib.Agent.ServerApi;

namespace EnterpriseDistrib.Agent.Rollouts;

/// <summary>
/// When a pre-staged package may install. The assignment carries no install time or maintenance window yet, so the
/// answer today is "at once"; when it does, this is the one place that waits for it (on the agent's clock).
/// </summary>
public static class InstallSchedule
{
    public static Task WaitAsync(Assignment assignment, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(time);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }
}
