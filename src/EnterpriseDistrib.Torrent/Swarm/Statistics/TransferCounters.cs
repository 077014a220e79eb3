using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;

namespace EnterpriseDistrib.Torrent.Swarm.Statistics;

/// <summary>
/// Bytes received and sent per remote peer address and per web seed, added to from the hot path with
/// interlocked counters and read at any time as a <see cref="TransferSnapshot"/>.
/// </summary>
public sealed class TransferCounters
{
    private readonly ConcurrentDictionary<IPAddress, Counter> _peers = new();
    private readonly ConcurrentDictionary<string, Counter> _webSeeds = new(StringComparer.Ordinal);
    private long _received;
    private long _sent;
    private long _wasted;

    /// <summary>The counter for one peer address: look it up once per connection, then add without a dictionary lookup.</summary>
    public Counter ForPeer(IPAddress address) => _peers.GetOrAdd(address, static _ => new Counter());

    public Counter ForWebSeed(string url) => _webSeeds.GetOrAdd(url, static _ => new Counter());

    public void AddReceived(Counter counter, long bytes)
    {
        ArgumentNullException.ThrowIfNull(counter);
        Interlocked.Add(ref counter.Received, bytes);
        Interlocked.Add(ref _received, bytes);
    }

    public void AddSent(Counter counter, long bytes)
    {
        ArgumentNullException.ThrowIfNull(counter);
        Interlocked.Add(ref counter.Sent, bytes);
        Interlocked.Add(ref _sent, bytes);
    }

    /// <summary>Bytes thrown away: duplicates in endgame and pieces that failed their hash.</summary>
    public void AddWasted(long bytes) => Interlocked.Add(ref _wasted, bytes);

    public TransferSnapshot Snapshot() => new(
        Interlocked.Read(ref _received),
        Interlocked.Read(ref _sent),
        Interlocked.Read(ref _wasted),
        [.. _peers.Select(p => new PeerTransfer(p.Key, Interlocked.Read(ref p.Value.Received), Interlocked.Read(ref p.Value.Sent)))],
        [.. _webSeeds.Select(w => new WebSeedTransfer(w.Key, Interlocked.Read(ref w.Value.Received)))]);

    /// <summary>One source's running totals.</summary>
    public sealed class Counter
    {
#pragma warning disable SA1401, CA1051 // Fields so the hot path can Interlocked.Add to them.
        internal long Received;
        internal long Sent;
#pragma warning restore SA1401, CA1051
    }
}

/// <summary>Totals at one moment: what the control plane classifies by site for WAN-savings reports.</summary>
public sealed record TransferSnapshot(
    long BytesReceived,
    long BytesSent,
    long BytesWasted,
    ImmutableArray<PeerTransfer> Peers,
    ImmutableArray<WebSeedTransfer> WebSeeds);

/// <summary>Bytes exchanged with one remote peer address (all its connections).</summary>
public sealed record PeerTransfer(IPAddress Address, long BytesReceived, long BytesSent);

/// <summary>Bytes fetched from one web seed (BEP 19).</summary>
public sealed record WebSeedTransfer(string Url, long BytesReceived);
