using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnterpriseDistrib.Catalog.Status;

/// <summary>Read side of status ingestion: progress per site and per agent, wave outcomes, and WAN savings.</summary>
public sealed class RolloutProgressQueries(IDbContextFactory<CatalogDbContext> contexts)
{
    /// <summary>Agents per site and state for one rollout (one grouped index scan).</summary>
    public async Task<IReadOnlyList<SiteStateCount>> GetSiteProgressAsync(Guid rolloutId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.AgentRolloutStatuses.AsNoTracking()
            .Where(s => s.RolloutId == rolloutId)
            .GroupBy(s => new { s.SiteId, s.State })
            .Select(g => new SiteStateCount(g.Key.SiteId, g.Key.State, g.Count()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Agents per state for one rollout, optionally only those at <paramref name="siteIds"/> (a wave's sites).</summary>
    public async Task<IReadOnlyDictionary<AgentRolloutState, int>> GetStateCountsAsync(Guid rolloutId, IReadOnlyCollection<Guid>? siteIds = null, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var statuses = context.AgentRolloutStatuses.AsNoTracking().Where(s => s.RolloutId == rolloutId);
        if (siteIds is not null)
        {
            var sites = siteIds.ToList();
            statuses = statuses.Where(s => s.SiteId != null && sites.Contains(s.SiteId.Value));
        }

        var rows = await statuses.GroupBy(s => s.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.State, r => r.Count);
    }

    /// <summary>Per-agent rows of one rollout, by agent id, filtered and paged.</summary>
    public async Task<Page<AgentRolloutStatus>> ListAgentStatusesAsync(Guid rolloutId, Guid? siteId, AgentRolloutState? state, int skip, int take, CancellationToken cancellationToken = default)
    {
        (skip, take) = Paging.Clamp(skip, take);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var statuses = context.AgentRolloutStatuses.AsNoTracking().Where(s => s.RolloutId == rolloutId);
        if (siteId is { } site)
        {
            statuses = statuses.Where(s => s.SiteId == site);
        }

        if (state is { } wanted)
        {
            statuses = statuses.Where(s => s.State == wanted);
        }

        var total = await statuses.CountAsync(cancellationToken);
        var items = await statuses.OrderBy(s => s.AgentId).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new Page<AgentRolloutStatus>(items, total, skip, take);
    }

    public async Task<AgentRolloutStatus?> GetAgentStatusAsync(Guid rolloutId, Guid agentId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.AgentRolloutStatuses.AsNoTracking().FirstOrDefaultAsync(s => s.RolloutId == rolloutId && s.AgentId == agentId, cancellationToken);
    }

    /// <summary>Bytes received per receiving site and source class, for one rollout or (null) all of them.</summary>
    public async Task<IReadOnlyList<SiteTransferTotals>> GetSiteTransfersAsync(Guid? rolloutId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var transfers = context.TransferStatistics.AsNoTracking();
        if (rolloutId is { } id)
        {
            transfers = transfers.Where(t => t.RolloutId == id);
        }

        var rows = await transfers
            .GroupBy(t => new { t.SiteId, t.SourceClass })
            .Select(g => new { g.Key.SiteId, g.Key.SourceClass, Bytes = g.Sum(t => t.Bytes) })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.SiteId)
            .Select(g => new SiteTransferTotals(
                g.Key,
                g.Where(r => r.SourceClass == TransferSourceClass.SameSite).Sum(r => r.Bytes),
                g.Where(r => r.SourceClass == TransferSourceClass.OtherSite).Sum(r => r.Bytes),
                g.Where(r => r.SourceClass == TransferSourceClass.Origin).Sum(r => r.Bytes)))
            .ToList();
    }
}
