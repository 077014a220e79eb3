using EnterpriseDistrib.Catalog.Status;

namespace EnterpriseDistrib.ControlPlane.Grains;

/// <summary>Reports waiting for the same write, and the one completion all their submitters await.</summary>
internal sealed class PendingStatusBatch
{
    private readonly TaskCompletionSource<StatusWriteResult> _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<StatusReport> Reports { get; } = [];

    /// <summary>True once a delayed flush has been scheduled for this batch.</summary>
    public bool FlushScheduled { get; set; }

    /// <summary>Completes when the batch is in the catalog; faults when the write failed.</summary>
    public Task<StatusWriteResult> Written => _written.Task;

    public void Complete(StatusWriteResult result) => _written.TrySetResult(result);

    public void Fail(Exception exception) => _written.TrySetException(exception);
}
