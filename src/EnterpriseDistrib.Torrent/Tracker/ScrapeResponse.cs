using System.Collections.Immutable;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>One torrent's counters in a BEP 48 scrape answer.</summary>
public readonly record struct ScrapeStatistics(long Complete, long Downloaded, long Incomplete);

/// <summary>A BEP 48 scrape answer: counters per info-hash the tracker knows.</summary>
public sealed record ScrapeResponse(ImmutableDictionary<InfoHash, ScrapeStatistics> Files);
