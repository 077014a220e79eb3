namespace EnterpriseDistrib.ControlPlane.Policies.Swarms;

/// <summary>An agent elected to bring a package across its site's WAN link, and the evidence it is still doing so.</summary>
/// <param name="AgentId">The elected agent.</param>
/// <param name="ElectedAt">When it was elected.</param>
/// <param name="LastAnnounce">Its latest announce.</param>
/// <param name="BytesLeft">What it still needed at its latest announce.</param>
/// <param name="LastProgress">When <see cref="BytesLeft"/> last went down (or the election, before any progress).</param>
public sealed record WanFetcher(Guid AgentId, DateTimeOffset ElectedAt, DateTimeOffset LastAnnounce, long BytesLeft, DateTimeOffset LastProgress);
