using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EnterpriseDistrib.Catalog.Status;

/// <summary>
/// Writes many agents' status reports at once: on PostgreSQL in one round trip per call, never one per report.
/// Callers (the status ingestion grain or endpoint) collect reports and flush them here in batches.
/// </summary>
public sealed class StatusReportWriter(IDbContextFactory<CatalogDbContext> contexts, TimeProvider time)
{
    /// <summary>Largest batch accepted in one call; bigger inputs are written in slices of this size.</summary>
    public const int MaxBatchSize = 50_000;

    public async Task<StatusWriteResult> WriteAsync(IReadOnlyList<StatusReport> reports, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0)
        {
            return new StatusWriteResult(0, 0, 0);
        }

        var applied = 0;
        for (var start = 0; start < reports.Count; start += MaxBatchSize)
        {
            var slice = start == 0 && reports.Count <= MaxBatchSize
                ? reports
                : reports.Skip(start).Take(MaxBatchSize).ToList();
            applied += await WriteSliceAsync(StatusBatch.From(slice), cancellationToken);
        }

        return new StatusWriteResult(reports.Count, applied, reports.Count - applied);
    }

    private async Task<int> WriteSliceAsync(StatusBatch batch, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (context.Database.IsNpgsql())
        {
            await context.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                return await PostgresStatusUpsert.WriteAsync((NpgsqlConnection)context.Database.GetDbConnection(), batch, now, cancellationToken);
            }
            finally
            {
                await context.Database.CloseConnectionAsync();
            }
        }

        return await SqliteStatusUpsert.WriteAsync(context, batch, now, cancellationToken);
    }
}
