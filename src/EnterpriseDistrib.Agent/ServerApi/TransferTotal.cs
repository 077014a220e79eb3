namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>Cumulative bytes received from one class of source (and its site, for peers).</summary>
public sealed record TransferTotal(TransferSourceClass SourceClass, Guid? SourceSiteId, long Bytes);
