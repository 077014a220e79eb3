using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnterpriseDistrib.Catalog.Reports;

/// <summary>
/// Builds WAN-savings reports from the agents' cumulative byte counts (<see cref="TransferStatistic"/>): sums are
/// done by the database per rollout, receiving site and source class, so the report's totals are exactly what
/// the agents counted.
/// </summary>
public sealed class WanReportQueries(IDbContextFactory<CatalogDbContext> contexts)
{
    private const string UnplacedSiteName = "(no site)";

    private static readonly AgentRolloutState[] Finished =
        [AgentRolloutState.Succeeded, AgentRolloutState.SucceededRebootRequired, AgentRolloutState.Failed, AgentRolloutState.Skipped];

    public async Task<WanReport> GetAsync(WanReportFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rollouts = await SelectRolloutsAsync(context, filter, cancellationToken);
        var truncated = rollouts.Count > WanReportFilter.MaxRollouts;
        if (truncated)
        {
            rollouts = rollouts[..WanReportFilter.MaxRollouts];
        }

        var ids = rollouts.Select(r => r.RolloutId).ToList();
        var bytes = await context.TransferStatistics.AsNoTracking()
            .Where(t => ids.Contains(t.RolloutId))
            .GroupBy(t => new { t.RolloutId, t.SiteId, t.SourceClass })
            .Select(g => new { g.Key.RolloutId, g.Key.SiteId, g.Key.SourceClass, Bytes = g.Sum(t => t.Bytes) })
            .ToListAsync(cancellationToken);
        var agents = await context.AgentRolloutStatuses.AsNoTracking()
            .Where(s => ids.Contains(s.RolloutId))
            .GroupBy(s => new { s.RolloutId, s.SiteId })
            .Select(g => new
            {
                g.Key.RolloutId,
                g.Key.SiteId,
                Agents = g.Count(),
                Finished = g.Count(s => Finished.Contains(s.State)),
                FirstReportAt = g.Min(s => (DateTimeOffset?)s.FirstSeenAt),
                LastFinishedAt = g.Where(s => Finished.Contains(s.State)).Max(s => (DateTimeOffset?)s.UpdatedAt),
            })
            .ToListAsync(cancellationToken);

        var siteIds = bytes.Select(b => b.SiteId).Concat(agents.Select(a => a.SiteId)).OfType<Guid>().Distinct().ToList();
        var siteNames = await context.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

        var rows = new List<WanSiteRow>();
        foreach (var rollout in rollouts)
        {
            var bytesHere = bytes.Where(b => b.RolloutId == rollout.RolloutId).ToList();
            var agentsHere = agents.Where(a => a.RolloutId == rollout.RolloutId).ToList();
            foreach (var site in bytesHere.Select(b => b.SiteId).Concat(agentsHere.Select(a => a.SiteId)).Distinct())
            {
                long Sum(TransferSourceClass source) => bytesHere.Where(b => b.SiteId == site && b.SourceClass == source).Sum(b => b.Bytes);
                var counts = agentsHere.FirstOrDefault(a => a.SiteId == site);
                rows.Add(new WanSiteRow(
                    rollout.RolloutId, rollout.RolloutName, rollout.PackageId, rollout.PackageName, rollout.VersionLabel, rollout.PackageSize,
                    site, site is { } id && siteNames.TryGetValue(id, out var name) ? name : UnplacedSiteName,
                    counts?.Agents ?? 0, counts?.Finished ?? 0,
                    Sum(TransferSourceClass.SameSite), Sum(TransferSourceClass.OtherSite), Sum(TransferSourceClass.Origin),
                    rollout.StartedAt ?? counts?.FirstReportAt, counts?.LastFinishedAt));
            }
        }

        return new WanReport([.. rows.OrderBy(r => r.PackageName).ThenBy(r => r.RolloutName).ThenBy(r => r.SiteName, StringComparer.Ordinal)], truncated);
    }

    private static async Task<List<RolloutHeader>> SelectRolloutsAsync(CatalogDbContext context, WanReportFilter filter, CancellationToken cancellationToken)
    {
        var query =
            from rollout in context.Rollouts.AsNoTracking()
            join version in context.PackageVersions.AsNoTracking() on rollout.PackageVersionId equals version.Id
            join package in context.Packages.AsNoTracking() on version.PackageId equals package.Id
            select new { rollout, version, package };
        if (filter.RolloutId is { } rolloutId)
        {
            query = query.Where(x => x.rollout.Id == rolloutId);
        }

        if (filter.PackageId is { } packageId)
        {
            query = query.Where(x => x.package.Id == packageId);
        }

        if (filter.From is { } from)
        {
            query = query.Where(x => (x.rollout.StartedAt ?? x.rollout.CreatedAt) >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(x => (x.rollout.StartedAt ?? x.rollout.CreatedAt) < to);
        }

        return await query
            .OrderByDescending(x => x.rollout.CreatedAt)
            .Take(WanReportFilter.MaxRollouts + 1)
            .Select(x => new RolloutHeader(
                x.rollout.Id, x.rollout.Name, x.package.Id, x.package.Name, x.version.VersionLabel, x.version.TotalSize, x.rollout.StartedAt))
            .ToListAsync(cancellationToken);
    }

    private sealed record RolloutHeader(
        Guid RolloutId, string RolloutName, Guid PackageId, string PackageName, string VersionLabel, long PackageSize, DateTimeOffset? StartedAt);
}
