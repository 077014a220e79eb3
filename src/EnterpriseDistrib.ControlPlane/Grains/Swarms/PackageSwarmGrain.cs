using System.Collections.Immutable;
using System.Net;
using EnterpriseDistrib.Catalog.Sites;
using EnterpriseDistrib.ControlPlane.Abstractions.Swarms;
using EnterpriseDistrib.ControlPlane.Policies.Swarms;

namespace EnterpriseDistrib.ControlPlane.Grains.Swarms;

/// <summary>
/// Holds one package's swarm in memory (no database write per announce) and answers announces through the
/// pure <see cref="WanFetcherElection"/> and <see cref="HandoutPolicy"/>. Kept active well past the longest
/// announce interval, so an idle swarm is not collected between two announces and forgotten.
/// </summary>
[CollectionAgeLimit(Hours = 2)]
internal sealed class PackageSwarmGrain(SiteStore sites) : Grain, IPackageSwarmGrain
{
    /// <summary>How long the site hierarchy (for a fetcher's nearby sites) is reused before it is read again.</summary>
    private static readonly TimeSpan HierarchyLifetime = TimeSpan.FromMinutes(1);

    private readonly SwarmIndex _swarm = new();
    private readonly Dictionary<Guid, PeerNotes> _notes = [];
    private readonly Dictionary<Guid, ImmutableArray<WanFetcher>> _fetchers = [];
    private readonly HashSet<Guid> _completed = [];
    private readonly Random _random = new();
    private SiteHierarchy _hierarchy = SiteHierarchy.Flat;
    private DateTimeOffset _hierarchyLoadedAt = DateTimeOffset.MinValue;
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public async Task<SwarmAnnounceResult> Announce(SwarmAnnounce announce)
    {
        ArgumentNullException.ThrowIfNull(announce);
        Sweep(announce.Now, announce.PeerTimeout);
        if (announce.Event == SwarmEvent.Stopped)
        {
            Forget(announce.AgentId);
            return new SwarmAnnounceResult([], [], false, _swarm.SeedCount, _swarm.PartialCount);
        }

        if (_swarm.TryGet(announce.AgentId, out var previous) && previous.SiteId != announce.SiteId)
        {
            // It moved (a laptop at another office): it no longer fetches for the site it left.
            DropFetcher(previous.SiteId, announce.AgentId);
        }

        var peer = new SwarmPeer(announce.AgentId, announce.SiteId, announce.EndPoint, announce.Left, announce.Now);
        _swarm.Upsert(peer);
        if (announce.Event == SwarmEvent.Completed || announce.Left == 0)
        {
            _completed.Add(announce.AgentId);
        }

        var (isFetcher, decision) = Elect(announce);
        _notes[announce.AgentId] = new PeerNotes(announce.Uploaded, announce.Downloaded, isFetcher, decision);
        if (isFetcher && announce.Now - _hierarchyLoadedAt > HierarchyLifetime)
        {
            await LoadHierarchyAsync(announce.Now);
        }

        var request = new HandoutRequest(
            peer, [], isFetcher, announce.Origin is null ? [] : [announce.Origin], _hierarchy, announce.NumWant, announce.Now, announce.PeerTimeout,
            isFetcher ? _fetchers.Values.SelectMany(site => site).Select(f => f.AgentId).ToHashSet() : null);
        var handout = HandoutPolicy.Choose(_swarm, request, _random, explain: false);
        var (peers4, peers6) = CompactPeers.Encode(handout.Peers);
        return new SwarmAnnounceResult(peers4, peers6, isFetcher, _swarm.SeedCount, _swarm.PartialCount);
    }

    public Task<SwarmCounts> Counts(DateTimeOffset now, TimeSpan peerTimeout)
    {
        var live = _swarm.Peers.Where(peer => now - peer.LastAnnounce <= peerTimeout).ToList();
        var seeds = live.Count(peer => peer.IsSeed);
        return Task.FromResult(new SwarmCounts(seeds, live.Count - seeds, _completed.Count));
    }

    public Task<SwarmSiteReport> Explain(Guid? siteId, DateTimeOffset now, TimeSpan peerTimeout)
    {
        var fetchers = siteId is { } site && _fetchers.TryGetValue(site, out var current) ? current : [];
        var peers = _swarm.At(siteId, seeds: true).Concat(_swarm.At(siteId, seeds: false))
            .OrderBy(peer => peer.AgentId)
            .Select(peer =>
            {
                var notes = _notes.GetValueOrDefault(peer.AgentId) ?? new PeerNotes(0, 0, false, "no decision recorded");
                return new SwarmPeerView(peer.AgentId, peer.EndPoint.ToString(), peer.BytesLeft, notes.Uploaded, notes.Downloaded, peer.LastAnnounce,
                    now - peer.LastAnnounce <= peerTimeout, notes.IsWanFetcher, notes.Decision);
            })
            .ToImmutableArray();
        var otherSites = _swarm.Peers.Count(peer => peer.SiteId != siteId && now - peer.LastAnnounce <= peerTimeout);
        return Task.FromResult(new SwarmSiteReport(
            siteId,
            [.. fetchers.Select(f => new SwarmFetcherView(f.AgentId, f.ElectedAt, f.LastAnnounce, f.BytesLeft, f.LastProgress))],
            peers,
            otherSites));
    }

    private (bool IsFetcher, string Decision) Elect(SwarmAnnounce announce)
    {
        if (announce.SiteId is not { } site)
        {
            // No site peers can exist for it, so waiting for them would wait forever.
            return (announce.Left > 0, announce.Left > 0
                ? "placed at no site: it has no site peers to wait for, so it fetches over the WAN"
                : "placed at no site; it already holds the whole package");
        }

        var seedsAtSite = _swarm.CountAt(site).Seeds - (announce.Left == 0 ? 1 : 0);
        var settings = new WanFetcherSettings
        {
            MaxFetchersPerSite = Math.Max(1, announce.MaxWanFetchersPerSite),
            AnnounceTimeout = announce.PeerTimeout,
            ProgressTimeout = announce.FetcherProgressTimeout,
        };
        var election = WanFetcherElection.OnAnnounce(
            _fetchers.GetValueOrDefault(site, []), announce.AgentId, announce.Left, seedsAtSite > 0, announce.Now, settings);
        _fetchers[site] = election.Fetchers;
        foreach (var (agentId, reason) in election.Replaced)
        {
            if (agentId != announce.AgentId && _notes.TryGetValue(agentId, out var notes))
            {
                _notes[agentId] = notes with { IsWanFetcher = false, Decision = $"no longer a WAN fetcher: {reason}" };
            }
        }

        return (election.IsRequesterFetcher, election.Reason);
    }

    private void Sweep(DateTimeOffset now, TimeSpan peerTimeout)
    {
        // A quarter of the timeout between sweeps: a silent peer is gone at most 1.25 timeouts after its last announce
        // (and never handed out after one timeout, which the policy checks per peer).
        if (now - _lastSweep < peerTimeout / 4)
        {
            return;
        }

        _lastSweep = now;
        var silent = _swarm.Peers.Where(peer => now - peer.LastAnnounce > peerTimeout).Select(peer => peer.AgentId).ToList();
        foreach (var agentId in silent)
        {
            Forget(agentId);
        }
    }

    private void Forget(Guid agentId)
    {
        if (_swarm.TryGet(agentId, out var peer))
        {
            DropFetcher(peer.SiteId, agentId);
        }

        _swarm.Remove(agentId);
        _notes.Remove(agentId);
    }

    private void DropFetcher(Guid? siteId, Guid agentId)
    {
        if (siteId is { } site && _fetchers.TryGetValue(site, out var fetchers))
        {
            _fetchers[site] = fetchers.RemoveAll(f => f.AgentId == agentId);
        }
    }

    private async Task LoadHierarchyAsync(DateTimeOffset now)
    {
        var all = await sites.ListAsync();
        _hierarchy = new SiteHierarchy(all.Where(s => s.ParentId is not null).Select(s => KeyValuePair.Create(s.Id, s.ParentId!.Value)));
        _hierarchyLoadedAt = now;
    }

    /// <summary>What the swarm remembers of a peer beside its <see cref="SwarmPeer"/>: counters and the last decision.</summary>
    private sealed record PeerNotes(long Uploaded, long Downloaded, bool IsWanFetcher, string Decision);
}
