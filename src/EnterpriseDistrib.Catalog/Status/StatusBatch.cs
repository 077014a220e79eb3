using EnterpriseDistrib.Catalog.Configurations;
using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.Catalog.Status;

/// <summary>
/// A batch of reports made safe to write in one statement: one report per (rollout, agent) — the newest —,
/// one transfer total per key — the largest of any report —, values clamped to what the columns hold (an upsert row that
/// violated a column would fail the whole batch), in a stable order.
/// </summary>
internal sealed class StatusBatch
{
    private StatusBatch(List<StatusReport> reports, List<TransferRow> transfers)
    {
        Reports = reports;
        Transfers = transfers;
    }

    public List<StatusReport> Reports { get; }

    public List<TransferRow> Transfers { get; }

    public static StatusBatch From(IReadOnlyList<StatusReport> reports)
    {
        var newest = new Dictionary<(Guid Rollout, Guid Agent), StatusReport>(reports.Count);
        foreach (var report in reports)
        {
            var key = (report.RolloutId, report.AgentId);
            if (!newest.TryGetValue(key, out var kept) || report.Sequence > kept.Sequence)
            {
                newest[key] = report;
            }
        }

        // Transfer totals are cumulative, so the largest per key is the newest, whichever report carried it: an
        // agent sends them with its download reports, and a later report of the same batch (Installing) has none.
        var transfers = new Dictionary<(Guid, Guid, TransferSourceClass, Guid), TransferRow>();
        foreach (var report in reports)
        {
            foreach (var total in report.Transfers ?? [])
            {
                var sourceSite = total.SourceSiteId ?? Guid.Empty;
                var key = (report.RolloutId, report.AgentId, total.SourceClass, sourceSite);
                var bytes = Math.Max(0, total.Bytes);
                if (!transfers.TryGetValue(key, out var kept) || bytes > kept.Bytes)
                {
                    transfers[key] = new TransferRow(report.RolloutId, report.AgentId, total.SourceClass, sourceSite, report.SiteId, bytes);
                }
            }
        }

        var sortedReports = newest.Values.Select(Clamp).OrderBy(r => r.RolloutId).ThenBy(r => r.AgentId).ToList();
        var sortedTransfers = transfers.Values
            .OrderBy(t => t.RolloutId).ThenBy(t => t.AgentId).ThenBy(t => t.SourceClass).ThenBy(t => t.SourceSiteId).ToList();
        return new StatusBatch(sortedReports, sortedTransfers);
    }

    private static StatusReport Clamp(StatusReport report) => report with
    {
        ProgressPercent = Math.Clamp(report.ProgressPercent, 0, 100),
        BytesDownloaded = Math.Max(0, report.BytesDownloaded),
        ReportedAt = report.ReportedAt.ToUniversalTime(),
        Error = report.Error is { Length: > CatalogLimits.ErrorLength } error ? error[..CatalogLimits.ErrorLength] : report.Error,
    };

    internal sealed record TransferRow(Guid RolloutId, Guid AgentId, TransferSourceClass SourceClass, Guid SourceSiteId, Guid? SiteId, long Bytes);
}
