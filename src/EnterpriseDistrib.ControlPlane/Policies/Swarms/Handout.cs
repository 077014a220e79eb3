using System.Collections.Immutable;
using System.Net;

namespace EnterpriseDistrib.ControlPlane.Policies.Swarms;

/// <summary>One peer handed to the requester, and why.</summary>
public sealed record HandedPeer(IPEndPoint EndPoint, Guid? AgentId, HandoutSource Source);

/// <summary>The tracker's answer to one announce: the peers in order of preference and an explanation an admin can read.</summary>
public sealed record Handout(ImmutableArray<HandedPeer> Peers, ImmutableArray<string> Explanation);
