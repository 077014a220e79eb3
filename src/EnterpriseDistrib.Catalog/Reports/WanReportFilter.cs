namespace EnterpriseDistrib.Catalog.Reports;

/// <summary>
/// Which rollouts a WAN-savings report covers: one rollout, every rollout of a package, and/or those started
/// (created, if not started yet) in [<see cref="From"/>, <see cref="To"/>). No filter covers every rollout.
/// </summary>
public sealed record WanReportFilter(Guid? RolloutId = null, Guid? PackageId = null, DateTimeOffset? From = null, DateTimeOffset? To = null)
{
    /// <summary>Most rollouts one report covers; a wider range must be narrowed (the answer says it was cut).</summary>
    public const int MaxRollouts = 500;
}
