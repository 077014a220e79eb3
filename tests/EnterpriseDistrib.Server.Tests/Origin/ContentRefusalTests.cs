using System.Collections.Immutable;
using EnterpriseDistrib.Server.Origin;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Pieces;

namespace EnterpriseDistrib.Server.Tests.Origin;

public sealed class ContentRefusalTests
{
    [Fact]
    public void A_bad_piece_across_two_files_names_a_range_in_each_and_neighbours_merge()
    {
        // Pieces of 100 bytes over files of 150 and 250 bytes: piece 1 spans both files.
        var layout = new ContentLayout(100, [new FileEntry(["pkg", "a"], 150, 0), new FileEntry(["pkg", "b"], 250, 150)], new byte[4 * 20]);
        var verified = Bitfield.AllTrue(4);
        verified.Clear(1);
        verified.Clear(2);

        var refusal = ContentRefusal.From(layout, verified);

        Assert.Equal([1, 2], refusal.BadPieces);
        Assert.Equal([new FileRange("pkg/a", 100, 50), new FileRange("pkg/b", 0, 150)], refusal.Resend);
        Assert.StartsWith("2 of 4 pieces did not match the torrent's hashes: 1, 2.", refusal.Describe(), StringComparison.Ordinal);
        Assert.Contains("pkg/a bytes 100-149; pkg/b bytes 0-149", refusal.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_refusal_names_the_first_pieces_and_counts_the_rest()
    {
        var layout = new ContentLayout(10, ImmutableArray.Create(new FileEntry(["f"], 1000, 0)), new byte[100 * 20]);

        var refusal = ContentRefusal.From(layout, new Bitfield(100));

        Assert.Equal(100, refusal.BadPieces.Count);
        Assert.Equal([new FileRange("f", 0, 1000)], refusal.Resend);
        Assert.Contains("and 50 more", refusal.Describe(), StringComparison.Ordinal);
    }
}
