namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>One rollout the agent must carry out (an element of <c>GET /api/v1/agent/assignments</c>).</summary>
/// <param name="AnnounceUrl">
/// The tracker URL with this agent's passkey (<c>{server}/announce/{passkey}</c>); it replaces the torrent's own
/// trackers. Null from a server that does not send it yet: the torrent's own announce is used.
/// </param>
/// <param name="InstallWindow">When the package may install (null = as soon as it is downloaded), read in <paramref name="SiteTimeZone"/>.</param>
/// <param name="SiteTimeZone">The IANA time zone of the agent's site; null = UTC.</param>
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
    string? AnnounceUrl = null,
    InstallWindow? InstallWindow = null,
    string? SiteTimeZone = null);
