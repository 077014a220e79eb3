using System.Net;
using EnterpriseDistrib.Agent.ServerApi;
using EnterpriseDistrib.Torrent.Swarm.Statistics;

namespace EnterpriseDistrib.Agent.Downloads;

/// <summary>
/// Turns an engine's transfer statistics into what a status report carries: one total per peer address (the server
/// classifies it as same-site, other-site or origin from its site ranges — the agent cannot know other peers' sites)
/// and one Origin total for the web seeds.
/// </summary>
public static class SourceTotals
{
    public static IReadOnlyList<TransferTotal> Totals(TransferSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var totals = snapshot.Peers
            .Where(p => p.BytesReceived > 0)
            .GroupBy(p => Canonical(p.Address))
            .OrderBy(g => g.Key.ToString(), StringComparer.Ordinal)
            .Select(g => new TransferTotal(null, null, g.Sum(p => p.BytesReceived), g.Key.ToString()))
            .ToList();
        var origin = snapshot.WebSeeds.Sum(w => w.BytesReceived);
        if (origin > 0)
        {
            totals.Add(new TransferTotal(TransferSourceClass.Origin, null, origin));
        }

        return totals;
    }

    /// <summary>Bytes received per source for a person: each peer address and each web seed URL.</summary>
    public static IReadOnlyList<SourceBytes> PerSource(TransferSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return
        [
            .. snapshot.Peers.Where(p => p.BytesReceived > 0 || p.BytesSent > 0).Select(p => new SourceBytes(p.Address.ToString(), p.BytesReceived, p.BytesSent)),
            .. snapshot.WebSeeds.Where(w => w.BytesReceived > 0).Select(w => new SourceBytes("web seed " + w.Url, w.BytesReceived, 0)),
        ];
    }

    private static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
