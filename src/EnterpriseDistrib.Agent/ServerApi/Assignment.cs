namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>One rollout the agent must carry out (an element of <c>GET /api/v1/agent/assignments</c>).</summary>
public sealed record Assignment(
    Guid RolloutId,
    string RolloutName,
    Guid PackageId,
    Guid PackageVersionId,
    string Version,
    string InfoHash,
    long TotalSize,
    AssignmentInstall Install,
    DateTimeOffset? Deadline,
    string TorrentUrl);
