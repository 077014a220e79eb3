using System.Net;

namespace EnterpriseDistrib.ControlPlane.Policies.Swarms;

/// <summary>One agent in a package's swarm as the tracker last saw it.</summary>
/// <param name="AgentId">The enrolled agent.</param>
/// <param name="SiteId">The site the agent was placed at; null when it matched no site.</param>
/// <param name="EndPoint">Where its peer listener is reachable: the connection's address and the announced port.</param>
/// <param name="BytesLeft">What it still needs; zero for a seed.</param>
/// <param name="LastAnnounce">When it last announced.</param>
public sealed record SwarmPeer(Guid AgentId, Guid? SiteId, IPEndPoint EndPoint, long BytesLeft, DateTimeOffset LastAnnounce)
{
    public bool IsSeed => BytesLeft == 0;
}
