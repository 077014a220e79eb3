namespace EnterpriseDistrib.Agent.Cache;

/// <summary>One package in the agent's cache, as the eviction policy sees it.</summary>
/// <param name="InfoHash">The torrent's info-hash in lower-case hex: the cache folder's name.</param>
/// <param name="Name">The torrent's name, for people.</param>
/// <param name="Size">Content bytes the package takes when complete.</param>
/// <param name="LastUsedAt">Last time a rollout downloaded or installed it (least recently used goes first).</param>
/// <param name="Complete">Every piece is verified on disk.</param>
/// <param name="InstalledAt">When it was last installed here; the retention period counts from then.</param>
/// <param name="AnnounceUrl">The tracker URL (with passkey) to keep seeding through after a restart.</param>
public sealed record CachedPackage(string InfoHash, string Name, long Size, DateTimeOffset LastUsedAt, bool Complete = false, DateTimeOffset? InstalledAt = null, string? AnnounceUrl = null);
