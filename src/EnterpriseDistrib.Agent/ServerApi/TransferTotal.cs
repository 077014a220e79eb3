namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>
/// Cumulative bytes received from one source. A peer is sent by its address alone (<see cref="SourceAddress"/>) and the
/// server classifies it by site, since only the server knows every site's ranges; the origin's web seed is sent by class.
/// </summary>
public sealed record TransferTotal(TransferSourceClass? SourceClass, Guid? SourceSiteId, long Bytes, string? SourceAddress = null);
