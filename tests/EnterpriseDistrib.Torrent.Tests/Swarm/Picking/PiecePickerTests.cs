using System.Collections.Immutable;
using System.Net;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Pieces;
using EnterpriseDistrib.Torrent.Swarm.Picking;
using EnterpriseDistrib.Torrent.Wire;

namespace EnterpriseDistrib.Torrent.Tests.Swarm.Picking;

public sealed class PiecePickerTests
{
    private const int PieceLength = 4 * 16384;
    private static readonly IPAddress Address = IPAddress.Parse("127.0.9.2");

    [Fact]
    public void After_the_random_first_pieces_the_rarest_piece_is_picked()
    {
        var picker = NewPicker(pieces: 6, randomFirst: 0);
        var common = Has(6, 0, 1, 2, 3, 4, 5);
        picker.AddAvailability(common);
        picker.AddAvailability(Has(6, 0, 1, 2, 3, 5));
        picker.AddAvailability(Has(6, 0, 1, 2, 3, 5));

        var output = new List<BlockRequest>();
        picker.Pick(new object(), Address, common, new HashSet<BlockRequest>(), 4, output);

        // Piece 4 is held by one peer only, the others by three.
        Assert.All(output, b => Assert.Equal(4, b.PieceIndex));
        Assert.Equal(4, output.Count);
    }

    [Fact]
    public void Ties_between_equally_rare_pieces_are_broken_at_random()
    {
        var chosen = new HashSet<int>();
        for (var seed = 0; seed < 40; seed++)
        {
            var picker = NewPicker(pieces: 8, randomFirst: 0, seed: seed);
            var all = Bitfield.AllTrue(8);
            picker.AddAvailability(all);
            var output = new List<BlockRequest>();
            picker.Pick(new object(), Address, all, new HashSet<BlockRequest>(), 1, output);
            chosen.Add(output[0].PieceIndex);
        }

        Assert.True(chosen.Count >= 4, $"only pieces {string.Join(",", chosen)} were ever chosen");
    }

    [Fact]
    public void One_peer_keeps_to_its_own_piece_while_another_gets_a_different_one()
    {
        var picker = NewPicker(pieces: 4, randomFirst: 0);
        var all = Bitfield.AllTrue(4);
        picker.AddAvailability(all);
        picker.AddAvailability(all);
        var a = new object();
        var b = new object();

        var fromA = new List<BlockRequest>();
        picker.Pick(a, Address, all, new HashSet<BlockRequest>(), 2, fromA);
        var fromB = new List<BlockRequest>();
        picker.Pick(b, Address, all, new HashSet<BlockRequest>(), 2, fromB);
        var moreFromA = new List<BlockRequest>();
        picker.Pick(a, Address, all, new HashSet<BlockRequest>(fromA), 2, moreFromA);

        Assert.Single(fromA.Select(r => r.PieceIndex).Distinct());
        Assert.NotEqual(fromA[0].PieceIndex, fromB[0].PieceIndex);
        Assert.All(moreFromA, r => Assert.Equal(fromA[0].PieceIndex, r.PieceIndex));
    }

    [Fact]
    public void In_endgame_blocks_in_flight_are_requested_again_from_another_peer()
    {
        var picker = NewPicker(pieces: 1, randomFirst: 0);
        var all = Bitfield.AllTrue(1);
        picker.AddAvailability(all);
        var first = new List<BlockRequest>();
        picker.Pick(new object(), Address, all, new HashSet<BlockRequest>(), 10, first);

        var second = new List<BlockRequest>();
        picker.Pick(new object(), Address, all, new HashSet<BlockRequest>(), 10, second);

        Assert.True(picker.IsEndgame);
        Assert.Equal(first, second);
    }

    [Fact]
    public void No_new_piece_is_started_past_the_buffer_cap()
    {
        var picker = NewPicker(pieces: 8, randomFirst: 0, maxBuffered: 2 * PieceLength);
        var all = Bitfield.AllTrue(8);
        picker.AddAvailability(all);

        var output = new List<BlockRequest>();
        picker.Pick(new object(), Address, all, new HashSet<BlockRequest>(), 100, output);

        Assert.Equal(2, output.Select(r => r.PieceIndex).Distinct().Count());
        Assert.Equal(2 * PieceLength, picker.BufferedBytes);
    }

    [Fact]
    public void A_piece_that_failed_is_given_to_another_peer_than_the_one_that_sent_it()
    {
        var picker = NewPicker(pieces: 2, randomFirst: 0);
        var all = Bitfield.AllTrue(2);
        picker.AddAvailability(all);
        var bad = IPAddress.Parse("127.0.9.66");
        var output = new List<BlockRequest>();
        picker.Pick(new object(), bad, Has(2, 0), new HashSet<BlockRequest>(), 4, output);
        var piece = picker.Active(0)!;
        foreach (var block in output)
        {
            piece.TryAddBlock(block.Offset, new System.Buffers.ReadOnlySequence<byte>(new byte[block.Length]), bad);
        }

        picker.Failed(piece);
        var again = new List<BlockRequest>();
        picker.Pick(new object(), bad, all, new HashSet<BlockRequest>(), 4, again);

        Assert.All(again, r => Assert.Equal(1, r.PieceIndex));
    }

    private static PiecePicker NewPicker(int pieces, int randomFirst, int seed = 1, long maxBuffered = 64L << 20)
    {
        var layout = new ContentLayout(
            PieceLength,
            [new FileEntry(["file.bin"], (long)pieces * PieceLength, 0)],
            new byte[pieces * 20]);
        return new PiecePicker(layout, new Bitfield(pieces), maxBuffered, randomFirst, new Random(seed));
    }

    private static Bitfield Has(int length, params int[] pieces)
    {
        var bitfield = new Bitfield(length);
        foreach (var piece in pieces)
        {
            bitfield.Set(piece);
        }

        return bitfield;
    }
}
