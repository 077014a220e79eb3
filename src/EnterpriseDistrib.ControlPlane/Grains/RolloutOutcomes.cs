using EnterpriseDistrib.Catalog.Agents;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.OfficeGroups;
using EnterpriseDistrib.Catalog.Status;
using EnterpriseDistrib.ControlPlane.Policies;

namespace EnterpriseDistrib.ControlPlane.Grains;

/// <summary>One open wave's outcome, counted over the sites it reached first.</summary>
internal sealed record WaveResult(int Ordinal, IReadOnlySet<Guid> Sites, WaveOutcome Outcome);

/// <summary>
/// Reads what the rollout grain decides on from the catalog: per open wave, the outcome of the agents at
/// the sites that wave reached first (a site in two waves' groups counts for the earlier one), and how many
/// agents the rollout targets in all.
/// </summary>
internal sealed class RolloutOutcomes(OfficeGroupStore groups, AgentStore agents, RolloutProgressQueries progress)
{
    public async Task<IReadOnlyList<WaveResult>> ForOpenWavesAsync(Rollout rollout, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var membership = await groups.GetMembershipAsync(cancellationToken);
        var reached = new HashSet<Guid>();
        var results = new List<WaveResult>();
        foreach (var wave in RolloutStateMachine.OpenWaves(rollout.Waves, now))
        {
            var sites = membership.TryGetValue(wave.OfficeGroupId, out var members) ? members.Where(reached.Add).ToHashSet() : [];
            var counts = sites.Count == 0
                ? new Dictionary<AgentRolloutState, int>()
                : await progress.GetStateCountsAsync(rollout.Id, sites, cancellationToken);
            results.Add(new WaveResult(wave.Ordinal, sites, WaveOutcome.From(counts)));
        }

        return results;
    }

    /// <summary>Agents the rollout targets: unrevoked agents at the sites its open waves reached.</summary>
    public async Task<int> CountTargetedAsync(IReadOnlyList<WaveResult> openWaves, CancellationToken cancellationToken = default)
    {
        var targeted = 0;
        foreach (var site in openWaves.SelectMany(w => w.Sites))
        {
            targeted += (await agents.ListAsync(new AgentQuery(SiteId: site, Revoked: false, Take: 1), cancellationToken)).Total;
        }

        return targeted;
    }
}
