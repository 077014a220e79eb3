namespace EnterpriseDistrib.ControlPlane.Abstractions.Swarms;

/// <summary>One WAN fetcher of a site, and the evidence it is still fetching.</summary>
[GenerateSerializer, Immutable]
public sealed record SwarmFetcherView(
    [property: Id(0)] Guid AgentId,
    [property: Id(1)] DateTimeOffset ElectedAt,
    [property: Id(2)] DateTimeOffset LastAnnounce,
    [property: Id(3)] long BytesLeft,
    [property: Id(4)] DateTimeOffset LastProgress);
