using EnterpriseDistrib.Agent.ServerApi;

namespace EnterpriseDistrib.Agent.Rollouts;

/// <summary>
/// The status reports of a rollout's life, in one place. The server's states have no "interrupted": an install cut
/// off by the agent's death is reported as <see cref="RolloutState.Pending"/> with an error saying so (it will be
/// retried, so it is not a failure yet); a package refused by the cache quota is <see cref="RolloutState.Failed"/>.
/// </summary>
public static class RolloutReports
{
    /// <summary>Longest error text sent; the server takes at most 4000 characters.</summary>
    public const int MaxErrorLength = 3800;

    public static StatusReport Downloading(Guid rolloutId, long verified, long total, IReadOnlyList<TransferTotal> transfers) =>
        new(rolloutId, 0, RolloutState.Downloading, Percent(verified, total), verified, Transfers: transfers);

    public static StatusReport Downloaded(Guid rolloutId, long total, IReadOnlyList<TransferTotal> transfers) =>
        new(rolloutId, 0, RolloutState.Downloaded, 100, total, Transfers: transfers);

    public static StatusReport Installing(Guid rolloutId, long total, int attempt) =>
        new(rolloutId, 0, RolloutState.Installing, 100, total, Error: attempt > 1 ? $"Install attempt {attempt}." : null);

    public static StatusReport Installed(Guid rolloutId, long total, int? exitCode, bool rebootRequired) =>
        new(rolloutId, 0, rebootRequired ? RolloutState.SucceededRebootRequired : RolloutState.Succeeded, 100, total, exitCode);

    public static StatusReport InstallFailed(Guid rolloutId, long total, int? exitCode, string why) =>
        new(rolloutId, 0, RolloutState.Failed, 100, total, exitCode, Clip(why));

    public static StatusReport Skipped(Guid rolloutId, string reason) =>
        new(rolloutId, 0, RolloutState.Skipped, 0, 0, Error: Clip("Skipped by the detection rule: " + reason));

    public static StatusReport Interrupted(Guid rolloutId, int attempt, int maxAttempts) =>
        new(rolloutId, 0, RolloutState.Pending, 100, 0,
            Error: $"Interrupted: the agent stopped during install attempt {attempt} of {maxAttempts}; the install will be retried.");

    public static StatusReport Refused(Guid rolloutId, string reason) =>
        new(rolloutId, 0, RolloutState.Failed, 0, 0, Error: Clip(reason));

    /// <summary>Keeps the end of a long text (an installer log's last lines say why it failed).</summary>
    public static string Clip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= MaxErrorLength ? text : "…" + text[^(MaxErrorLength - 1)..];
    }

    private static int Percent(long verified, long total) => total <= 0 ? 0 : (int)Math.Clamp(verified * 100 / total, 0, 100);
}
