namespace EnterpriseDistrib.ControlPlane.Abstractions.Swarms;

/// <summary>One agent of a site in a swarm, with why it was or was not handed a WAN source at its last announce.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="EndPoint">Its peer address and port as the tracker saw them.</param>
/// <param name="BytesLeft">What it still needed.</param>
/// <param name="Uploaded">Bytes it reported uploading.</param>
/// <param name="Downloaded">Bytes it reported downloading.</param>
/// <param name="LastAnnounce">When it last announced.</param>
/// <param name="Live">False when it is silent for longer than the peer timeout (it is no longer handed out).</param>
/// <param name="IsWanFetcher">Whether it may use WAN sources now.</param>
/// <param name="WanDecision">Why it is or is not a WAN fetcher, in words an admin reads.</param>
[GenerateSerializer, Immutable]
public sealed record SwarmPeerView(
    [property: Id(0)] Guid AgentId,
    [property: Id(1)] string EndPoint,
    [property: Id(2)] long BytesLeft,
    [property: Id(3)] long Uploaded,
    [property: Id(4)] long Downloaded,
    [property: Id(5)] DateTimeOffset LastAnnounce,
    [property: Id(6)] bool Live,
    [property: Id(7)] bool IsWanFetcher,
    [property: Id(8)] string WanDecision);
