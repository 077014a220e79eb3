using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnterpriseDistrib.Catalog.Status;

/// <summary>
/// The SQLite write path for the embedded single box: one read of the rows the batch touches, changes in
/// memory under the same rules as PostgreSQL (newer sequence wins, larger total wins, unknown keys skipped),
/// one SaveChanges that EF sends as batched statements in one transaction.
/// </summary>
internal static class SqliteStatusUpsert
{
    public static async Task<int> WriteAsync(CatalogDbContext context, StatusBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rolloutIds = batch.Reports.Select(r => r.RolloutId).Distinct().ToList();
        var agentIds = batch.Reports.Select(r => r.AgentId).Distinct().ToList();
        var knownRollouts = (await context.Rollouts.Where(r => rolloutIds.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken)).ToHashSet();
        var knownAgents = (await context.Agents.Where(a => agentIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken)).ToHashSet();

        var existing = (await context.AgentRolloutStatuses
                .Where(s => rolloutIds.Contains(s.RolloutId) && agentIds.Contains(s.AgentId))
                .ToListAsync(cancellationToken))
            .ToDictionary(s => (s.RolloutId, s.AgentId));

        var applied = 0;
        foreach (var report in batch.Reports)
        {
            if (!knownRollouts.Contains(report.RolloutId) || !knownAgents.Contains(report.AgentId))
            {
                continue;
            }

            if (!existing.TryGetValue((report.RolloutId, report.AgentId), out var row))
            {
                row = new AgentRolloutStatus { RolloutId = report.RolloutId, AgentId = report.AgentId, FirstSeenAt = now };
                context.AgentRolloutStatuses.Add(row);
            }
            else if (row.Sequence >= report.Sequence)
            {
                continue;
            }

            row.SiteId = report.SiteId;
            row.State = report.State;
            row.ProgressPercent = report.ProgressPercent;
            row.BytesDownloaded = report.BytesDownloaded;
            row.ExitCode = report.ExitCode;
            row.Error = report.Error;
            row.Sequence = report.Sequence;
            row.ReportedAt = report.ReportedAt;
            row.UpdatedAt = now;
            applied++;
        }

        if (batch.Transfers.Count > 0)
        {
            var transfers = (await context.TransferStatistics
                    .Where(t => rolloutIds.Contains(t.RolloutId) && agentIds.Contains(t.AgentId))
                    .ToListAsync(cancellationToken))
                .ToDictionary(t => (t.RolloutId, t.AgentId, t.SourceClass, t.SourceSiteId));
            foreach (var total in batch.Transfers)
            {
                if (!knownRollouts.Contains(total.RolloutId) || !knownAgents.Contains(total.AgentId))
                {
                    continue;
                }

                if (!transfers.TryGetValue((total.RolloutId, total.AgentId, total.SourceClass, total.SourceSiteId), out var row))
                {
                    row = new TransferStatistic { RolloutId = total.RolloutId, AgentId = total.AgentId, SourceClass = total.SourceClass, SourceSiteId = total.SourceSiteId };
                    context.TransferStatistics.Add(row);
                }
                else if (row.Bytes >= total.Bytes)
                {
                    continue;
                }

                row.Bytes = total.Bytes;
                row.SiteId = total.SiteId;
                row.UpdatedAt = now;
            }
        }

        await context.SaveChangesAsync(cancellationToken);
        return applied;
    }
}
