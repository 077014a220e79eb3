namespace EnterpriseDistrib.ControlPlane.Abstractions;

/// <summary>
/// Collects agents' status reports and writes them to the catalog in batches (one round trip per batch,
/// never per report). <see cref="Submit"/> completes only after the batch holding its reports is written,
/// so a report the API acknowledged is never lost.
/// </summary>
public interface IStatusIngestGrain : IGrainWithIntegerKey
{
    /// <summary>The key every caller uses (the grain is a stateless worker: activations scale per silo).</summary>
    const long Key = 0;

    /// <summary>Buffers the reports and returns once they are written.</summary>
    Task<IngestReceipt> Submit(StatusReportBatch batch);
}
