using System.Collections.Immutable;

namespace EnterpriseDistrib.ControlPlane.Policies.Swarms;

/// <summary>
/// Chooses the peers the tracker hands to an agent (DESIGN.md, "site-aware peer selection"): its own
/// site's seeds, then its site's partial peers, each class sampled at random so the swarm stays a
/// random graph; and only when it is a WAN fetcher, peers of nearby sites (same region first), then of
/// any site, then the origin. Everyone else waits for their site peers. Pure and deterministic for a
/// given <see cref="Random"/>.
/// </summary>
public static class HandoutPolicy
{
    public static Handout Choose(HandoutRequest request, Random random)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(random);
        var requester = request.Requester;
        var explanation = ImmutableArray.CreateBuilder<string>();
        var live = request.Swarm
            .Where(peer => peer.AgentId != requester.AgentId && request.Now - peer.LastAnnounce <= request.PeerTimeout)
            .ToList();
        var stale = request.Swarm.Count(peer => peer.AgentId != requester.AgentId) - live.Count;
        if (stale > 0)
        {
            explanation.Add($"{stale} peer(s) not handed out: silent for more than {request.PeerTimeout.TotalMinutes:0.#} min");
        }

        var sameSite = requester.SiteId is null ? [] : live.Where(peer => peer.SiteId == requester.SiteId).ToList();
        var chosen = ImmutableArray.CreateBuilder<HandedPeer>();
        Take(sameSite.Where(p => p.IsSeed), HandoutSource.SameSiteSeed, request.NumWant);
        Take(sameSite.Where(p => !p.IsSeed), HandoutSource.SameSitePeer, request.NumWant);
        explanation.Add($"{chosen.Count} same-site peer(s) of {sameSite.Count} in the site, seeds first");

        var elsewhere = live.Where(peer => requester.SiteId is null || peer.SiteId != requester.SiteId).ToList();
        if (!request.IsWanFetcher)
        {
            explanation.Add(elsewhere.Count + request.Origins.Length > 0
                ? $"not a WAN fetcher: {elsewhere.Count} peer(s) of other sites and the origin withheld; it waits for its site peers"
                : "not a WAN fetcher");
            return new Handout(chosen.ToImmutable(), explanation.ToImmutable());
        }

        // Nearest first: a peer in the same region crosses less WAN than one across the world. One slot
        // stays for the origin, which always has every piece, so a fetcher is never left with only
        // partial peers that lack what it needs.
        var before = chosen.Count;
        var limitBeforeOrigin = request.NumWant - Math.Min(request.Origins.Length, 1);
        foreach (var group in elsewhere
            .GroupBy(peer => request.Sites.Distance(requester.SiteId, peer.SiteId))
            .OrderBy(group => group.Key))
        {
            var source = group.Key is > 0 and < int.MaxValue ? HandoutSource.NearbySitePeer : HandoutSource.OtherSitePeer;
            Take(group.Where(p => p.IsSeed), source, limitBeforeOrigin);
            Take(group.Where(p => !p.IsSeed), source, limitBeforeOrigin);
        }

        explanation.Add($"WAN fetcher: {chosen.Count - before} peer(s) of other sites, nearest region first");
        var originsBefore = chosen.Count;
        foreach (var origin in request.Origins)
        {
            if (chosen.Count >= request.NumWant)
            {
                break;
            }

            chosen.Add(new HandedPeer(origin, null, HandoutSource.Origin));
        }

        explanation.Add(chosen.Count > originsBefore
            ? "WAN fetcher: the origin"
            : request.Origins.IsEmpty ? "no origin is seeding this package" : "the origin left out: numwant already filled");
        return new Handout(chosen.ToImmutable(), explanation.ToImmutable());

        void Take(IEnumerable<SwarmPeer> candidates, HandoutSource source, int limit)
        {
            var room = limit - chosen.Count;
            if (room <= 0)
            {
                return;
            }

            var pool = candidates.ToArray();
            random.Shuffle(pool);
            foreach (var peer in pool.Take(room))
            {
                chosen.Add(new HandedPeer(peer.EndPoint, peer.AgentId, source));
            }
        }
    }
}
