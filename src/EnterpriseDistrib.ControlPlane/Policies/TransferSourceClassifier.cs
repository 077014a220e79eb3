using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.ControlPlane.Policies;

/// <summary>
/// Classifies a peer an agent received bytes from, for WAN-savings accounting: the origin's own address is the
/// origin; a peer in the agent's site is same-site; any other peer — in another site or in none — crossed the WAN.
/// </summary>
public static class TransferSourceClassifier
{
    /// <param name="agentSiteId">The receiving agent's site, null when it is placed nowhere.</param>
    /// <param name="peerSiteId">The site the peer's address resolves to, null when none.</param>
    /// <param name="peerIsOrigin">The peer's address is the origin seeder's.</param>
    public static (TransferSourceClass Class, Guid? SourceSiteId) ClassifyPeer(Guid? agentSiteId, Guid? peerSiteId, bool peerIsOrigin)
    {
        if (peerIsOrigin)
        {
            return (TransferSourceClass.Origin, null);
        }

        return agentSiteId is { } own && peerSiteId == own
            ? (TransferSourceClass.SameSite, own)
            : (TransferSourceClass.OtherSite, peerSiteId);
    }
}
