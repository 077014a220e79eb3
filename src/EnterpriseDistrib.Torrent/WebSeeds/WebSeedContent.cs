using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Torrent.WebSeeds;

/// <summary>What a web seed needs to know about a torrent to map byte ranges to file URLs (BEP 19).</summary>
/// <param name="Name">The torrent's <c>name</c>: the file name (single-file) or the top folder (multi-file).</param>
/// <param name="IsMultiFile">Whether the info dictionary has <c>files</c>; this changes how URLs are formed.</param>
/// <param name="Layout">The files in content order; for multi-file torrents each path starts with <paramref name="Name"/>.</param>
public sealed record WebSeedContent(string Name, bool IsMultiFile, ContentLayout Layout);
