using EnterpriseDistrib.Catalog.Status;
using EnterpriseDistrib.ControlPlane.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace EnterpriseDistrib.ControlPlane.Grains;

/// <summary>
/// Buffers status reports per silo and writes them through <see cref="StatusReportWriter"/> in batches.
/// Reentrant: submitters interleave while a batch fills or is written; each awaits its own batch's write,
/// so the API acknowledges a report only once it is stored. One activation per silo (reentrancy already lets
/// it take every concurrent caller), so each silo fills one batch at a time instead of several small ones.
/// </summary>
[StatelessWorker(1)]
[Reentrant]
internal sealed partial class StatusIngestGrain(
    StatusReportWriter writer,
    IOptions<StatusIngestOptions> options,
    [FromKeyedServices(ControlPlaneServices.ClockKey)] TimeProvider time,
    ILogger<StatusIngestGrain> logger) : Grain, IStatusIngestGrain
{
    private readonly StatusIngestOptions _options = options.Value;
    private PendingStatusBatch _pending = new();

    public async Task<IngestReceipt> Submit(StatusReportBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Reports.IsDefaultOrEmpty)
        {
            return new IngestReceipt(0, 0, 0);
        }

        var pending = _pending;
        foreach (var report in batch.Reports)
        {
            pending.Reports.Add(ToReport(report));
        }

        if (pending.Reports.Count >= _options.MaxBatchSize)
        {
            _pending = new PendingStatusBatch();
            _ = WriteAsync(pending);
        }
        else if (!pending.FlushScheduled)
        {
            pending.FlushScheduled = true;
            _ = WriteLaterAsync(pending);
        }

        var result = await pending.Written;
        return new IngestReceipt(batch.Reports.Length, result.Received, result.Applied);
    }

    private async Task WriteLaterAsync(PendingStatusBatch pending)
    {
        await Task.Delay(_options.FlushInterval, time);

        // A batch that filled up meanwhile was written already.
        if (ReferenceEquals(_pending, pending))
        {
            _pending = new PendingStatusBatch();
            await WriteAsync(pending);
        }
    }

    private async Task WriteAsync(PendingStatusBatch pending)
    {
        StatusWriteResult result;
        try
        {
            result = await writer.WriteAsync(pending.Reports);
        }
        catch (Exception exception)
        {
            LogWriteFailed(logger, exception, pending.Reports.Count);
            pending.Fail(exception);
            return;
        }

        pending.Complete(result);
        foreach (var rolloutId in pending.Reports.Select(r => r.RolloutId).Distinct())
        {
            // Failure rates and completion follow the reports; the rollout grain debounces.
            _ = GrainFactory.GetGrain<IRolloutGrain>(rolloutId).Evaluate();
        }
    }

    private static StatusReport ToReport(StatusReportMessage message) => new(
        message.AgentId,
        message.RolloutId,
        message.Sequence,
        message.ReportedAt,
        message.State,
        message.ProgressPercent,
        message.BytesDownloaded,
        message.ExitCode,
        message.Error,
        message.SiteId,
        message.Transfers.IsDefaultOrEmpty
            ? null
            : message.Transfers.Select(t => new TransferTotal(t.SourceClass, t.SourceSiteId, t.Bytes)).ToList());

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing a batch of {Count} status reports failed; their submitters are told to retry.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);
}
