using System.Net;
using EnterpriseDistrib.Agent.Downloads;
using EnterpriseDistrib.Agent.ServerApi;
using EnterpriseDistrib.Torrent.Swarm.Statistics;

namespace EnterpriseDistrib.Agent.Tests.Downloads;

public sealed class SourceTotalsTests
{
    private static readonly TransferSnapshot Snapshot = new(
        1600, 10, 0,
        [
            new PeerTransfer(IPAddress.Parse("127.0.31.8"), 100, 10),
            new PeerTransfer(IPAddress.Parse("127.0.31.9"), 200, 0),
            new PeerTransfer(IPAddress.Parse("127.0.44.2"), 300, 0),
            new PeerTransfer(IPAddress.Parse("127.0.31.10"), 0, 0),
        ],
        [new WebSeedTransfer("http://origin/content/k/h/", 1000)]);

    [Fact]
    public void Each_peer_address_that_sent_bytes_is_one_total_for_the_server_to_classify_and_web_seeds_are_the_origin()
    {
        var totals = SourceTotals.Totals(Snapshot);

        Assert.Equal(
        [
            new TransferTotal(null, null, 100, "127.0.31.8"),
            new TransferTotal(null, null, 200, "127.0.31.9"),
            new TransferTotal(null, null, 300, "127.0.44.2"),
            new TransferTotal(TransferSourceClass.Origin, null, 1000),
        ], totals);
    }

    [Fact]
    public void Connections_from_one_address_add_up_to_one_total()
    {
        var snapshot = new TransferSnapshot(30, 0, 0, [new PeerTransfer(IPAddress.Parse("::ffff:127.0.31.8"), 10, 0), new PeerTransfer(IPAddress.Parse("127.0.31.8"), 20, 0)], []);

        Assert.Equal([new TransferTotal(null, null, 30, "127.0.31.8")], SourceTotals.Totals(snapshot));
    }

    [Fact]
    public void Per_source_figures_name_each_peer_address_and_web_seed_that_moved_bytes()
    {
        var sources = SourceTotals.PerSource(Snapshot);

        Assert.Equal(["127.0.31.8", "127.0.31.9", "127.0.44.2", "web seed http://origin/content/k/h/"], sources.Select(s => s.Source));
        Assert.Equal(10, sources[0].Sent);
    }
}
