using EnterpriseDistrib.Agent.Rollouts;
using EnterpriseDistrib.Agent.ServerApi;

namespace EnterpriseDistrib.Agent.Tests.Rollouts;

public sealed class RolloutReportsTests
{
    private static readonly Guid Rollout = Guid.NewGuid();

    [Fact]
    public void An_interrupted_install_is_reported_pending_with_its_attempt_not_as_a_failure()
    {
        var report = RolloutReports.Interrupted(Rollout, 1, 3);

        Assert.Equal(RolloutState.Pending, report.State);
        Assert.StartsWith("Interrupted", report.Error, StringComparison.Ordinal);
        Assert.Contains("attempt 1 of 3", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_installer_log_keeps_its_end_within_the_servers_limit()
    {
        var log = new string('x', 10_000) + "FATAL: the last line";

        var report = RolloutReports.InstallFailed(Rollout, 10, 1603, log);

        Assert.Equal(RolloutReports.MaxErrorLength, report.Error!.Length);
        Assert.EndsWith("FATAL: the last line", report.Error, StringComparison.Ordinal);
        Assert.Equal(1603, report.ExitCode);
        Assert.Equal(RolloutState.Failed, report.State);
    }

    [Fact]
    public void Progress_is_a_whole_percentage_of_verified_bytes()
    {
        Assert.Equal(33, RolloutReports.Downloading(Rollout, 1, 3, []).ProgressPercent);
        Assert.Equal(0, RolloutReports.Downloading(Rollout, 0, 0, []).ProgressPercent);
        Assert.Equal(RolloutState.SucceededRebootRequired, RolloutReports.Installed(Rollout, 1, 3010, rebootRequired: true).State);
    }
}
