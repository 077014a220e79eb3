using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Net;
using EnterpriseDistrib.Catalog;
using EnterpriseDistrib.Catalog.OfficeGroups;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.ControlPlane.Abstractions;
using EnterpriseDistrib.Server.Api;
using EnterpriseDistrib.Torrent.Metainfo;
using Microsoft.EntityFrameworkCore;

namespace EnterpriseDistrib.Server.Tracker;

/// <summary>
/// The catalog facts an announce needs, kept in memory so an announce costs no database read: each agent seen
/// (revoked? which site?), the assignment snapshot and address placements. <see cref="RefreshAsync"/> re-reads all
/// of it every <see cref="TrackerOptions.CatalogRefresh"/> in a few batched queries, so a revoked agent or a
/// closed rollout is refused at most one refresh period (plus one query) after the change, on every silo.
/// </summary>
internal sealed class TrackerDirectory(
    IDbContextFactory<CatalogDbContext> contexts, RolloutStore rollouts, OfficeGroupStore groups, IGrainFactory grains, TimeProvider time)
{
    /// <summary>Agents not seen for this many refresh periods are forgotten (read again on their next announce).</summary>
    private const int IdleRefreshes = 120;

    private const int MaxPlacements = 200_000;
    private const int RefreshBatch = 5_000;

    private readonly ConcurrentDictionary<Guid, Entry> _agents = new();
    private readonly ConcurrentDictionary<IPAddress, Guid?> _placements = new();
    private AssignmentSnapshot? _snapshot;
    private long _generation;

    public async ValueTask<TrackedAgent> GetAgentAsync(Guid agentId, CancellationToken cancellationToken)
    {
        if (_agents.TryGetValue(agentId, out var entry))
        {
            entry.LastUsed = Volatile.Read(ref _generation);
            return entry.Agent;
        }

        var loaded = await LoadAgentsAsync([agentId], cancellationToken);
        var agent = loaded.GetValueOrDefault(agentId) ?? new TrackedAgent(agentId, false, false, null, false);
        _agents[agentId] = new Entry(agent) { LastUsed = Volatile.Read(ref _generation) };
        return agent;
    }

    public async ValueTask<AssignmentSnapshot> GetAssignmentsAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _snapshot) ?? await LoadSnapshotAsync(cancellationToken);

    /// <summary>The site an agent's announces place it in: its pinned site, else the site of the address it connects from.</summary>
    public async ValueTask<Guid?> SwarmSiteAsync(TrackedAgent agent, IPAddress address)
    {
        if (agent.SitePinned)
        {
            return agent.SiteId;
        }

        if (_placements.TryGetValue(address, out var site))
        {
            return site;
        }

        var placement = await grains.GetGrain<ISiteDirectoryGrain>(ISiteDirectoryGrain.Key).Resolve(address.ToString());
        if (_placements.Count >= MaxPlacements)
        {
            _placements.Clear();
        }

        _placements[address] = placement.SiteId;
        return placement.SiteId;
    }

    /// <summary>Re-reads every remembered agent and the assignment snapshot; forgets placements (site ranges may have changed).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var generation = Interlocked.Increment(ref _generation);
        await LoadSnapshotAsync(cancellationToken);
        _placements.Clear();
        foreach (var idle in _agents.Where(pair => generation - pair.Value.LastUsed > IdleRefreshes).Select(pair => pair.Key).ToList())
        {
            _agents.TryRemove(idle, out _);
        }

        foreach (var batch in _agents.Keys.Chunk(RefreshBatch))
        {
            var loaded = await LoadAgentsAsync(batch, cancellationToken);
            foreach (var agentId in batch)
            {
                if (_agents.TryGetValue(agentId, out var entry))
                {
                    entry.Agent = loaded.GetValueOrDefault(agentId) ?? new TrackedAgent(agentId, false, false, null, false);
                }
            }
        }
    }

    private async Task<Dictionary<Guid, TrackedAgent>> LoadAgentsAsync(Guid[] ids, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Agents.AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .Select(a => new TrackedAgent(a.Id, true, a.RevokedAt != null, a.SiteId, a.SitePinned))
            .ToDictionaryAsync(a => a.AgentId, cancellationToken);
    }

    private async Task<AssignmentSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        var (running, membership) = await AgentAssignments.LoadRulesInputAsync(rollouts, groups, cancellationToken);
        var versionIds = running.Select(r => r.PackageVersionId).Distinct().ToList();
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = await context.PackageVersions.AsNoTracking()
            .Where(v => versionIds.Contains(v.Id))
            .Select(v => new { v.Id, v.InfoHash })
            .ToListAsync(cancellationToken);
        var snapshot = new AssignmentSnapshot(running, membership, versions.ToFrozenDictionary(v => v.Id, v => InfoHash.ParseHex(v.InfoHash)), time.GetUtcNow());
        Volatile.Write(ref _snapshot, snapshot);
        return snapshot;
    }

    private sealed class Entry(TrackedAgent agent)
    {
        private TrackedAgent _agent = agent;

        public TrackedAgent Agent
        {
            get => Volatile.Read(ref _agent);
            set => Volatile.Write(ref _agent, value);
        }

        public long LastUsed { get; set; }
    }
}
