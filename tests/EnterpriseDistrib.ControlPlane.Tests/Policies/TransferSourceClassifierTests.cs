using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.ControlPlane.Policies;

namespace EnterpriseDistrib.ControlPlane.Tests.Policies;

public sealed class TransferSourceClassifierTests
{
    private static readonly Guid Paris = Guid.NewGuid();
    private static readonly Guid Lyon = Guid.NewGuid();

    [Fact]
    public void A_peer_in_the_agents_site_is_same_site() =>
        Assert.Equal((TransferSourceClass.SameSite, Paris), TransferSourceClassifier.ClassifyPeer(Paris, Paris, peerIsOrigin: false));

    [Fact]
    public void A_peer_in_another_site_crossed_the_wan_from_that_site() =>
        Assert.Equal((TransferSourceClass.OtherSite, Lyon), TransferSourceClassifier.ClassifyPeer(Paris, Lyon, peerIsOrigin: false));

    [Fact]
    public void A_peer_in_no_site_crossed_the_wan() =>
        Assert.Equal((TransferSourceClass.OtherSite, (Guid?)null), TransferSourceClassifier.ClassifyPeer(Paris, null, peerIsOrigin: false));

    [Fact]
    public void An_agent_in_no_site_has_no_same_site_peers() =>
        Assert.Equal((TransferSourceClass.OtherSite, (Guid?)null), TransferSourceClassifier.ClassifyPeer(null, null, peerIsOrigin: false));

    [Fact]
    public void The_origins_address_is_the_origin_wherever_it_sits() =>
        Assert.Equal((TransferSourceClass.Origin, (Guid?)null), TransferSourceClassifier.ClassifyPeer(Paris, Paris, peerIsOrigin: true));
}
