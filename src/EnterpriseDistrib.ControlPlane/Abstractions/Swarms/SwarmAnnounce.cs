using System.Net;

namespace EnterpriseDistrib.ControlPlane.Abstractions.Swarms;

/// <summary>One checked announce, as the tracker passes it to the package's swarm grain.</summary>
/// <param name="AgentId">The authenticated agent (from its passkey).</param>
/// <param name="SiteId">The site the agent announces from; null when none matched.</param>
/// <param name="EndPoint">The connection's address (never a client-supplied one) and the announced port.</param>
/// <param name="Uploaded">Bytes uploaded this session.</param>
/// <param name="Downloaded">Bytes downloaded this session.</param>
/// <param name="Left">Bytes the agent still needs; zero for a seed.</param>
/// <param name="Event">The BEP 3 event.</param>
/// <param name="NumWant">Peers wanted, already capped by the tracker.</param>
/// <param name="Now">The tracker's clock at the announce.</param>
/// <param name="PeerTimeout">Peers silent for longer are dropped (about 2.5 announce intervals).</param>
/// <param name="MaxWanFetchersPerSite">The rollout's K.</param>
/// <param name="FetcherProgressTimeout">A fetcher whose bytes left stop going down for this long is replaced.</param>
/// <param name="Origin">The origin's peer endpoint when it seeds the package, handed to WAN fetchers only.</param>
[GenerateSerializer, Immutable]
public sealed record SwarmAnnounce(
    [property: Id(0)] Guid AgentId,
    [property: Id(1)] Guid? SiteId,
    [property: Id(2)] IPEndPoint EndPoint,
    [property: Id(3)] long Uploaded,
    [property: Id(4)] long Downloaded,
    [property: Id(5)] long Left,
    [property: Id(6)] SwarmEvent Event,
    [property: Id(7)] int NumWant,
    [property: Id(8)] DateTimeOffset Now,
    [property: Id(9)] TimeSpan PeerTimeout,
    [property: Id(10)] int MaxWanFetchersPerSite,
    [property: Id(11)] TimeSpan FetcherProgressTimeout,
    [property: Id(12)] IPEndPoint? Origin);
