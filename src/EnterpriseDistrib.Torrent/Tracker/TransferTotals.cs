namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>A torrent's byte counters as announced: payload uploaded and downloaded this session, and bytes still missing.</summary>
public readonly record struct TransferTotals(long Uploaded, long Downloaded, long Left);
