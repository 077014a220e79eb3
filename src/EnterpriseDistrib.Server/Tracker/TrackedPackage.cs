using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Server.Tracker;

/// <summary>A package version some open rollout hands out, and the rollout's K (max WAN fetchers per site).</summary>
internal sealed record TrackedPackage(Guid VersionId, InfoHash InfoHash, int MaxWanFetchersPerSite);
