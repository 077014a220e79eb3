using System.Collections.Immutable;
using System.Net;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.ControlPlane.Abstractions;
using EnterpriseDistrib.ControlPlane.Policies;
using EnterpriseDistrib.Server.Origin;

namespace EnterpriseDistrib.Server.Api;

/// <summary>
/// Turns an agent's transfer totals into the catalog's (class, source site) totals: peers given by address are placed
/// by the site directory in one call per request and classified against the agent's site; totals that land in the
/// same class and site are added, so each stored row stays the agent's exact cumulative count.
/// </summary>
internal static class TransferClassification
{
    public static async Task<ImmutableArray<TransferTotalMessage>> ClassifyAsync(
        IReadOnlyList<TransferTotalRequest>? transfers, Guid? agentSiteId, IGrainFactory grains, IOriginDirectory? origin)
    {
        if (transfers is null or { Count: 0 })
        {
            return [];
        }

        var addresses = transfers.Where(t => t.SourceAddress is not null).Select(t => Canonical(t.SourceAddress!)).Distinct(StringComparer.Ordinal).ToList();
        var sites = addresses.Count == 0
            ? new Dictionary<string, Guid?>()
            : await grains.GetGrain<ISiteDirectoryGrain>(ISiteDirectoryGrain.Key).ResolveSites(addresses);
        var originAddress = origin?.PeerEndpoint?.Address is { } address ? Canonical(address.ToString()) : null;

        (TransferSourceClass Class, Guid? Site) ClassOf(TransferTotalRequest transfer) => transfer.SourceAddress is { } peer
            ? TransferSourceClassifier.ClassifyPeer(agentSiteId, sites.GetValueOrDefault(Canonical(peer)), Canonical(peer) == originAddress)
            : (transfer.SourceClass!.Value, transfer.SourceSiteId);

        return [.. transfers.GroupBy(ClassOf).Select(g => new TransferTotalMessage(g.Key.Class, g.Key.Site, g.Sum(t => t.Bytes)))];
    }

    private static string Canonical(string address) =>
        IPAddress.TryParse(address, out var ip) && ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().ToString() : address;
}
