using System.Collections.Immutable;

namespace EnterpriseDistrib.ControlPlane.Policies.Swarms;

/// <summary>
/// Chooses the peers the tracker hands to an agent (DESIGN.md, "site-aware peer selection"): its own
/// site's seeds, then its site's partial peers, each class sampled at random so the swarm stays a
/// random graph; and only when it is a WAN fetcher, seeds and WAN fetchers of nearby sites (same region
/// first), then of any site, then the origin. Everyone else waits for their site peers. Pure and deterministic for a
/// given <see cref="Random"/>.
/// </summary>
public static class HandoutPolicy
{
    /// <summary>Answers <paramref name="request"/> from its <see cref="HandoutRequest.Swarm"/>, with the explanation.</summary>
    public static Handout Choose(HandoutRequest request, Random random)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Choose(SwarmIndex.From(request.Swarm), request, random, explain: true);
    }

    /// <summary>
    /// Answers <paramref name="request"/> from <paramref name="swarm"/> (its <see cref="HandoutRequest.Swarm"/> is
    /// not read). For a non-fetcher this costs the size of the answer; <paramref name="explain"/> adds counts
    /// over the whole swarm, for the admin's "why" view rather than for every announce.
    /// </summary>
    public static Handout Choose(SwarmIndex swarm, HandoutRequest request, Random random, bool explain)
    {
        ArgumentNullException.ThrowIfNull(swarm);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(random);
        var requester = request.Requester;
        var explanation = ImmutableArray.CreateBuilder<string>();
        bool Live(SwarmPeer peer) => peer.AgentId != requester.AgentId && request.Now - peer.LastAnnounce <= request.PeerTimeout;
        var others = explain ? swarm.Peers.Where(peer => peer.AgentId != requester.AgentId).ToList() : [];
        if (explain && others.Count(peer => !Live(peer)) is > 0 and var stale)
        {
            explanation.Add($"{stale} peer(s) not handed out: silent for more than {request.PeerTimeout.TotalMinutes:0.#} min");
        }

        var picked = new List<SwarmPeer>(Math.Min(request.NumWant, 64));
        var chosen = ImmutableArray.CreateBuilder<HandedPeer>(Math.Min(request.NumWant, 64));
        if (requester.SiteId is not null)
        {
            Take(swarm.At(requester.SiteId, seeds: true), HandoutSource.SameSiteSeed, request.NumWant);
            Take(swarm.At(requester.SiteId, seeds: false), HandoutSource.SameSitePeer, request.NumWant);
        }

        if (explain)
        {
            var sameSite = requester.SiteId is null ? 0 : others.Count(peer => Live(peer) && peer.SiteId == requester.SiteId);
            explanation.Add($"{chosen.Count} same-site peer(s) of {sameSite} in the site, seeds first");
        }

        if (!request.IsWanFetcher)
        {
            if (explain)
            {
                var elsewhere = others.Count(peer => Live(peer) && (requester.SiteId is null || peer.SiteId != requester.SiteId));
                explanation.Add(elsewhere + request.Origins.Length > 0
                    ? $"not a WAN fetcher: {elsewhere} peer(s) of other sites and the origin withheld; it waits for its site peers"
                    : "not a WAN fetcher");
            }

            return new Handout(chosen.ToImmutable(), explanation.ToImmutable());
        }

        // Nearest first: a peer in the same region crosses less WAN than one across the world. One slot
        // stays for the origin, which always has every piece, so a fetcher is never left with only
        // partial peers that lack what it needs. Fetchers are at most K per site, so walking the sites is cheap.
        var before = chosen.Count;
        var limitBeforeOrigin = request.NumWant - Math.Min(request.Origins.Length, 1);
        var groups = swarm.Sites.Where(site => site != requester.SiteId)
            .Select(site => (Site: (Guid?)site, Distance: request.Sites.Distance(requester.SiteId, site)))
            .Append((Site: null, Distance: int.MaxValue))
            .GroupBy(entry => entry.Distance)
            .OrderBy(group => group.Key);
        foreach (var group in groups)
        {
            var source = group.Key is > 0 and < int.MaxValue ? HandoutSource.NearbySitePeer : HandoutSource.OtherSitePeer;
            Take([.. group.SelectMany(entry => swarm.At(entry.Site, seeds: true))], source, limitBeforeOrigin);
            Take([.. group.SelectMany(entry => swarm.At(entry.Site, seeds: false)).Where(peer => request.WanFetchers?.Contains(peer.AgentId) == true)], source, limitBeforeOrigin);
        }

        explanation.Add($"WAN fetcher: {chosen.Count - before} peer(s) of other sites (their seeds and WAN fetchers), nearest region first");
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

        void Take(IReadOnlyList<SwarmPeer> pool, HandoutSource source, int limit)
        {
            picked.Clear();
            SwarmIndex.Sample(pool, limit - chosen.Count, random, Live, picked);
            foreach (var peer in picked)
            {
                chosen.Add(new HandedPeer(peer.EndPoint, peer.AgentId, source));
            }
        }
    }
}
