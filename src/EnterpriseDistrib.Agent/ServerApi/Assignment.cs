namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>One rollout the agent must carry out (an element of <c>GET /api/v1/agent/assignments</c>).</summary>
/// <param name="AnnounceUrl">
/// The tracker URL with this agent's passkey (<c>{server}/announce/{passkey}</c>); it replaces the torrent's own
/// trackers. Null from a server that does not send it yet: the torrent's own announce is used.
/// </param>
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
    string TorrentUrl,
    string? AnnounceUrl = null);
