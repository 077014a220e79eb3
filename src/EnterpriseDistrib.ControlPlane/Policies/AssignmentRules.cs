using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.ControlPlane.Policies;

/// <summary>
/// Which rollouts an agent must carry out: the running rollouts with an open wave that targets an office
/// group containing the agent's site. An agent in no site gets none (no group can contain it).
/// </summary>
public static class AssignmentRules
{
    /// <param name="siteId">The agent's site.</param>
    /// <param name="rollouts">Candidate rollouts with their waves (typically every Running one).</param>
    /// <param name="groupSites">Office group id → its member site ids.</param>
    /// <param name="now">The control plane's clock.</param>
    /// <returns>One assignment per rollout, earliest deadline first (no deadline last).</returns>
    public static IReadOnlyList<Assignment> For(
        Guid? siteId,
        IEnumerable<Rollout> rollouts,
        IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> groupSites,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rollouts);
        ArgumentNullException.ThrowIfNull(groupSites);
        if (siteId is not { } site)
        {
            return [];
        }

        var assignments = new List<Assignment>();
        foreach (var rollout in rollouts)
        {
            if (!RolloutStateMachine.HandsOutWork(rollout.Status))
            {
                continue;
            }

            var reaching = rollout.Waves
                .Where(w => RolloutStateMachine.IsOpen(w, now) && groupSites.TryGetValue(w.OfficeGroupId, out var sites) && sites.Contains(site))
                .OrderBy(w => w.Ordinal)
                .ToList();
            if (reaching.Count == 0)
            {
                continue;
            }

            // The site may sit in several open waves' groups: it was reached by the first, and the
            // tightest deadline among them is the one it must meet.
            var first = reaching[0];
            var deadline = reaching.Where(w => w.Deadline is not null).Select(w => w.Deadline).Min();
            assignments.Add(new Assignment(rollout.Id, rollout.PackageVersionId, first.Ordinal, first.StartsAt, deadline, rollout.MaxWanFetchersPerSite));
        }

        return [.. assignments.OrderBy(a => a.Deadline ?? DateTimeOffset.MaxValue).ThenBy(a => a.WaveStartsAt).ThenBy(a => a.RolloutId)];
    }
}
