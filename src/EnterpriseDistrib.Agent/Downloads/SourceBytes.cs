namespace EnterpriseDistrib.Agent.Downloads;

/// <summary>Bytes exchanged with one source of a package: a peer address or a web seed.</summary>
public sealed record SourceBytes(string Source, long Received, long Sent);
