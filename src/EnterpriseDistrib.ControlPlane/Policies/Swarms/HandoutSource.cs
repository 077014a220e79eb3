namespace EnterpriseDistrib.ControlPlane.Policies.Swarms;

/// <summary>Why a peer was handed out: the order here is the order of preference.</summary>
public enum HandoutSource
{
    SameSiteSeed,
    SameSitePeer,
    NearbySitePeer,
    OtherSitePeer,
    Origin,
}
