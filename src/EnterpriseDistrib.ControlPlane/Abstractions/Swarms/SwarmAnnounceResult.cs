namespace EnterpriseDistrib.ControlPlane.Abstractions.Swarms;

/// <summary>The swarm's answer to one announce, already in the tracker's wire form.</summary>
/// <param name="Peers4">IPv4 peers as BEP 23 compact 6-byte entries, in order of preference (the origin last, fetchers only).</param>
/// <param name="Peers6">IPv6 peers as BEP 7 compact 18-byte entries.</param>
/// <param name="IsWanFetcher">Whether the agent may use WAN sources (the tracker adds the web seed then).</param>
/// <param name="Seeds">Seeds in the swarm (BEP 3 <c>complete</c>).</param>
/// <param name="Partials">Partial peers (BEP 3 <c>incomplete</c>).</param>
[GenerateSerializer, Immutable]
public sealed record SwarmAnnounceResult(
    [property: Id(0)] byte[] Peers4,
    [property: Id(1)] byte[] Peers6,
    [property: Id(2)] bool IsWanFetcher,
    [property: Id(3)] int Seeds,
    [property: Id(4)] int Partials);
