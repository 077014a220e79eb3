namespace EnterpriseDistrib.ControlPlane.Abstractions.Swarms;

/// <summary>
/// One package version's swarm, keyed by its info-hash as 40 lowercase hex characters: who announced from
/// which site, who the sites' WAN fetchers are, and what each announcing agent is handed. In memory only:
/// after a restart the swarm refills within one announce interval.
/// </summary>
public interface IPackageSwarmGrain : IGrainWithStringKey
{
    /// <summary>Records the announce and answers it with the peers the hand-out policy chose.</summary>
    Task<SwarmAnnounceResult> Announce(SwarmAnnounce announce);

    /// <summary>BEP 48 counters: seeds, partial peers and completed downloads.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<SwarmCounts> Counts(DateTimeOffset now, TimeSpan peerTimeout);

    /// <summary>The site's fetchers and peers, and why each agent was or was not handed a WAN source.</summary>
    Task<SwarmSiteReport> Explain(Guid? siteId, DateTimeOffset now, TimeSpan peerTimeout);
}
