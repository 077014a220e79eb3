using System.Collections.Immutable;
using System.Net;

namespace EnterpriseDistrib.ControlPlane.Policies.Swarms;

/// <summary>Everything the hand-out policy needs to answer one announce.</summary>
/// <param name="Requester">The announcing agent.</param>
/// <param name="Swarm">The package's swarm as the tracker knows it (the requester may be in it); the grain passes a <see cref="SwarmIndex"/> instead.</param>
/// <param name="IsWanFetcher">Whether the requester is one of its site's WAN fetchers for the package.</param>
/// <param name="Origins">The origin seeders' peer endpoints, handed to WAN fetchers only.</param>
/// <param name="Sites">The site hierarchy, to prefer a nearby region's peers over far ones and the origin.</param>
/// <param name="NumWant">How many peers the requester asked for (already capped by the tracker).</param>
/// <param name="Now">The announce time, to skip peers whose last announce is too old.</param>
/// <param name="PeerTimeout">Peers silent for longer are not handed out.</param>
/// <param name="WanFetchers">
/// The agents that are WAN fetchers of their own sites. Of another site's partial peers only these are handed to a
/// fetcher: a connection works both ways, and a non-fetcher reached by a fetcher from elsewhere would download across
/// the WAN through it. Other sites' seeds are safe (they download nothing).
/// </param>
public sealed record HandoutRequest(
    SwarmPeer Requester,
    ImmutableArray<SwarmPeer> Swarm,
    bool IsWanFetcher,
    ImmutableArray<IPEndPoint> Origins,
    SiteHierarchy Sites,
    int NumWant,
    DateTimeOffset Now,
    TimeSpan PeerTimeout,
    IReadOnlySet<Guid>? WanFetchers = null);
