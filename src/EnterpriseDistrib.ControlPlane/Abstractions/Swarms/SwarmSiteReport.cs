using System.Collections.Immutable;

namespace EnterpriseDistrib.ControlPlane.Abstractions.Swarms;

/// <summary>What the admin sees of one site in one package's swarm: its WAN fetchers, its peers and why.</summary>
/// <param name="SiteId">The site (null: agents placed at no site).</param>
/// <param name="Fetchers">The site's current WAN fetchers.</param>
/// <param name="Peers">Every agent of the site in the swarm, with the last decision about it.</param>
/// <param name="OtherSitePeers">Live peers of other sites (what a fetcher may be handed).</param>
[GenerateSerializer, Immutable]
public sealed record SwarmSiteReport(
    [property: Id(0)] Guid? SiteId,
    [property: Id(1)] ImmutableArray<SwarmFetcherView> Fetchers,
    [property: Id(2)] ImmutableArray<SwarmPeerView> Peers,
    [property: Id(3)] int OtherSitePeers);
