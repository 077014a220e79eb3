namespace EnterpriseDistrib.Agent.Rollouts;

/// <summary>The journal entry of one rollout: its stage, how many installs were started, and the last word on it.</summary>
public sealed record RolloutRecord(Guid RolloutId, string InfoHash, RolloutStage Stage, int InstallAttempts, DateTimeOffset UpdatedAt, string? Detail = null)
{
    /// <summary>Nothing more to do for this rollout (it may still seed).</summary>
    public bool IsFinal => Stage is RolloutStage.Installed or RolloutStage.RebootRequired or RolloutStage.InstallFailed or RolloutStage.Skipped or RolloutStage.Refused;
}
