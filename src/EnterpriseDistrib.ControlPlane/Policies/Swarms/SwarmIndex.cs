namespace EnterpriseDistrib.ControlPlane.Policies.Swarms;

/// <summary>
/// A package's swarm bucketed by site, seeds apart from partial peers, so that answering an announce costs
/// the size of the answer, not the size of the swarm: add, move and remove are O(1) (swap-remove with each
/// peer's slot remembered) and <see cref="Sample"/> draws at random from one bucket. Not thread-safe: the
/// swarm grain owns one and touches it from its own turns only.
/// </summary>
public sealed class SwarmIndex
{
    private readonly Dictionary<Guid, Slot> _slots = [];
    private readonly Dictionary<Guid, SiteBucket> _sites = [];
    private readonly SiteBucket _unplaced = new(null);
    private int _seeds;

    /// <summary>Every peer in the index.</summary>
    public int Count => _slots.Count;

    /// <summary>Peers that hold the whole package.</summary>
    public int SeedCount => _seeds;

    /// <summary>Peers that still need part of it.</summary>
    public int PartialCount => _slots.Count - _seeds;

    /// <summary>Every peer, in no particular order.</summary>
    public IEnumerable<SwarmPeer> Peers => _slots.Values.Select(slot => slot.Peer);

    /// <summary>The sites that have at least one peer (agents at no site are not listed: they share no site).</summary>
    public IEnumerable<Guid> Sites => _sites.Where(pair => pair.Value.Count > 0).Select(pair => pair.Key);

    /// <summary>An index of <paramref name="peers"/> (the last one wins when an agent appears twice).</summary>
    public static SwarmIndex From(IEnumerable<SwarmPeer> peers)
    {
        ArgumentNullException.ThrowIfNull(peers);
        var index = new SwarmIndex();
        foreach (var peer in peers)
        {
            index.Upsert(peer);
        }

        return index;
    }

    public bool TryGet(Guid agentId, out SwarmPeer peer)
    {
        if (_slots.TryGetValue(agentId, out var slot))
        {
            peer = slot.Peer;
            return true;
        }

        peer = null!;
        return false;
    }

    /// <summary>Adds the peer or replaces the agent's previous entry (it may have moved site or become a seed).</summary>
    public void Upsert(SwarmPeer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (_slots.TryGetValue(peer.AgentId, out var slot))
        {
            if (slot.Peer.SiteId == peer.SiteId && slot.Peer.IsSeed == peer.IsSeed)
            {
                slot.Peer = peer;
                slot.Bucket.Set(slot, peer);
                return;
            }

            Detach(slot);
            slot.Peer = peer;
        }
        else
        {
            slot = new Slot(peer);
            _slots.Add(peer.AgentId, slot);
        }

        BucketOf(peer.SiteId, create: true)!.Add(slot);
        _seeds += peer.IsSeed ? 1 : 0;
    }

    public bool Remove(Guid agentId)
    {
        if (!_slots.Remove(agentId, out var slot))
        {
            return false;
        }

        Detach(slot);
        return true;
    }

    private void Detach(Slot slot)
    {
        slot.Bucket.Remove(slot);
        _seeds -= slot.Peer.IsSeed ? 1 : 0;
    }

    /// <summary>Removes every peer whose last announce is before <paramref name="cutoff"/>; returns how many.</summary>
    public int RemoveSilentSince(DateTimeOffset cutoff)
    {
        var silent = _slots.Values.Where(slot => slot.Peer.LastAnnounce < cutoff).Select(slot => slot.Peer.AgentId).ToList();
        foreach (var agentId in silent)
        {
            Remove(agentId);
        }

        return silent.Count;
    }

    /// <summary>How many seeds and partial peers the site has (null: agents at no site).</summary>
    public (int Seeds, int Partials) CountAt(Guid? siteId) =>
        BucketOf(siteId, create: false) is { } bucket ? (bucket.Seeds.Count, bucket.Partials.Count) : (0, 0);

    /// <summary>Whether any peer at the site holds the whole package.</summary>
    public bool HasSeedAt(Guid? siteId) => siteId is not null && CountAt(siteId).Seeds > 0;

    /// <summary>The site's seeds or partial peers (read-only view, valid until the next change).</summary>
    public IReadOnlyList<SwarmPeer> At(Guid? siteId, bool seeds) =>
        BucketOf(siteId, create: false) is { } bucket ? (seeds ? bucket.Seeds : bucket.Partials) : [];

    /// <summary>
    /// Adds up to <paramref name="count"/> distinct peers drawn at random from <paramref name="pool"/> that
    /// <paramref name="accept"/> lets through. Costs O(count) on a large pool (random probes), O(pool) on a
    /// small one (a shuffled copy), never more than a few passes whatever <paramref name="accept"/> refuses.
    /// </summary>
    public static int Sample(IReadOnlyList<SwarmPeer> pool, int count, Random random, Func<SwarmPeer, bool> accept, List<SwarmPeer> into)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(accept);
        ArgumentNullException.ThrowIfNull(into);
        if (count <= 0 || pool.Count == 0)
        {
            return 0;
        }

        var added = 0;
        if (pool.Count <= count * 4)
        {
            var copy = new SwarmPeer[pool.Count];
            for (var i = 0; i < copy.Length; i++)
            {
                copy[i] = pool[i];
            }

            // Fisher-Yates, stopped as soon as enough are accepted: the draw costs the answer, not the pool.
            for (var i = 0; i < copy.Length && added < count; i++)
            {
                var j = random.Next(i, copy.Length);
                (copy[i], copy[j]) = (copy[j], copy[i]);
                if (accept(copy[i]))
                {
                    into.Add(copy[i]);
                    added++;
                }
            }

            return added;
        }

        // Large pool: probe random slots; a bounded number of probes keeps a pool full of refused peers cheap.
        var seen = new HashSet<int>();
        for (var probes = 0; added < count && probes < count * 8; probes++)
        {
            var i = random.Next(pool.Count);
            if (seen.Add(i) && accept(pool[i]))
            {
                into.Add(pool[i]);
                added++;
            }
        }

        return added;
    }

    private SiteBucket? BucketOf(Guid? siteId, bool create)
    {
        if (siteId is not { } site)
        {
            return _unplaced;
        }

        if (!_sites.TryGetValue(site, out var bucket) && create)
        {
            bucket = new SiteBucket(site);
            _sites.Add(site, bucket);
        }

        return bucket;
    }

    private sealed class Slot(SwarmPeer peer)
    {
        public SwarmPeer Peer { get; set; } = peer;

        public SiteBucket Bucket { get; set; } = null!;

        public int Position { get; set; }
    }

    private sealed class SiteBucket(Guid? siteId)
    {
        private readonly List<Slot> _seedSlots = [];
        private readonly List<Slot> _partialSlots = [];

        public Guid? SiteId { get; } = siteId;

        public List<SwarmPeer> Seeds { get; } = [];

        public List<SwarmPeer> Partials { get; } = [];

        public int Count => Seeds.Count + Partials.Count;

        public void Add(Slot slot)
        {
            var (slots, peers) = Lists(slot.Peer.IsSeed);
            slot.Bucket = this;
            slot.Position = slots.Count;
            slots.Add(slot);
            peers.Add(slot.Peer);
        }

        public void Set(Slot slot, SwarmPeer peer) => Lists(peer.IsSeed).Peers[slot.Position] = peer;

        public void Remove(Slot slot)
        {
            var (slots, peers) = Lists(slot.Peer.IsSeed);
            var last = slots.Count - 1;
            var moved = slots[last];
            slots[slot.Position] = moved;
            peers[slot.Position] = moved.Peer;
            moved.Position = slot.Position;
            slots.RemoveAt(last);
            peers.RemoveAt(last);
        }

        private (List<Slot> Slots, List<SwarmPeer> Peers) Lists(bool seed) => seed ? (_seedSlots, Seeds) : (_partialSlots, Partials);
    }
}
