namespace EnterpriseDistrib.ControlPlane.Grains;

/// <summary>When the status ingestion grain writes a batch: as soon as it holds <see cref="MaxBatchSize"/> reports, or <see cref="FlushInterval"/> after the first one arrived.</summary>
public sealed class StatusIngestOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "StatusIngest";

    /// <summary>Reports that trigger a write at once.</summary>
    public int MaxBatchSize { get; set; } = 2_000;

    /// <summary>Longest a report waits for companions before its batch is written (also its acknowledgement delay).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(20);
}
