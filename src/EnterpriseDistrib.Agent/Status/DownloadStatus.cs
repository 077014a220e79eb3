using EnterpriseDistrib.Agent.Downloads;

namespace EnterpriseDistrib.Agent.Status;

/// <summary>One rollout's package as <c>edist-agent status</c> shows it: stage, progress and bytes per source (this process's run).</summary>
public sealed record DownloadStatus(
    Guid RolloutId,
    string RolloutName,
    string Version,
    string Stage,
    long VerifiedBytes,
    long TotalBytes,
    int Peers,
    long BytesReceived,
    long BytesSent,
    IReadOnlyList<SourceBytes> Sources,
    string? Detail,
    DateTimeOffset UpdatedAt);
