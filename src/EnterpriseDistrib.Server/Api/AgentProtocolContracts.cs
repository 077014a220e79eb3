using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.Catalog.Sites;

namespace EnterpriseDistrib.Server.Api;

/// <summary>Body of <c>POST /api/v1/agent/enroll</c>.</summary>
public sealed record EnrollRequest(string? EnrollmentToken, string? Hostname, string? OperatingSystem = null, string? AgentVersion = null);

/// <summary>Answer of enrollment: the agent's id and its credential (shown once; the server keeps only a hash).</summary>
public sealed record EnrollResponse(Guid AgentId, string Credential, Guid? SiteId, string? SiteReason);

/// <summary>Body of <c>POST /api/v1/agent/heartbeat</c>.</summary>
public sealed record HeartbeatRequest(string? AgentVersion = null);

/// <summary>
/// Answer of a heartbeat: where the agent is placed, when to call again, and its site's clock: the IANA time zone (null =
/// UTC) and the business-hours caps, which win over the agent's own configuration (null = the site sets none).
/// </summary>
public sealed record HeartbeatResponse(
    Guid AgentId, Guid? SiteId, string? SiteReason, int NextHeartbeatSeconds, string? SiteTimeZone = null, BusinessHoursPolicy? BusinessHours = null);

/// <summary>
/// One rollout the agent must carry out; <c>AnnounceUrl</c> is the tracker URL carrying this agent's passkey.
/// <c>InstallWindow</c> (null = install once downloaded) is read in <c>SiteTimeZone</c> (null = UTC).
/// </summary>
public sealed record AssignmentResponse(
    Guid RolloutId,
    string RolloutName,
    Guid PackageId,
    Guid PackageVersionId,
    string Version,
    string InfoHash,
    long TotalSize,
    InstallSpec Install,
    DateTimeOffset? Deadline,
    string TorrentUrl,
    string AnnounceUrl,
    InstallWindow? InstallWindow = null,
    string? SiteTimeZone = null);

/// <summary>Body of <c>POST /api/v1/agent/status</c>: the agent's reports since its last acknowledged call.</summary>
public sealed record StatusReportsRequest(IReadOnlyList<StatusReportRequest>? Reports);

/// <summary>One report about one rollout.</summary>
public sealed record StatusReportRequest(
    Guid RolloutId,
    long Sequence,
    AgentRolloutState? State,
    int ProgressPercent = 0,
    long BytesDownloaded = 0,
    int? ExitCode = null,
    string? Error = null,
    DateTimeOffset? ReportedAt = null,
    IReadOnlyList<TransferTotalRequest>? Transfers = null);

/// <summary>Cumulative bytes from one source class (and site, for peers).</summary>
/// <summary>
/// Cumulative bytes from one source: a class (and site) the agent knows — the origin's web seed — or a peer's
/// <see cref="SourceAddress"/>, which the server classifies from its site ranges and the origin's address.
/// </summary>
public sealed record TransferTotalRequest(TransferSourceClass? SourceClass, Guid? SourceSiteId, long Bytes, string? SourceAddress = null);

/// <summary>Acknowledgement: every report in the request is stored (older sequences are kept out, not lost).</summary>
public sealed record StatusReportsResponse(int Received, int BatchSize, int BatchApplied);
