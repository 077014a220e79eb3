using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using EnterpriseDistrib.Torrent.Swarm.Picking;

namespace EnterpriseDistrib.Torrent.Tests.Swarm.Picking;

public sealed class PartialPieceTests
{
    private static readonly IPAddress Peer = IPAddress.Parse("127.0.9.1");

    [Fact]
    public void Blocks_arriving_in_any_order_hash_to_the_pieces_sha1()
    {
        var data = new byte[(3 * 16384) + 100];
        new Random(1).NextBytes(data);
        using var piece = new PartialPiece(0, data.Length);

        var outcomes = new[] { 2, 0, 3, 1 }.Select(b => piece.TryAddBlock(b * 16384, Slice(data, b), Peer)).ToList();

        Assert.Equal([BlockOutcome.Accepted, BlockOutcome.Accepted, BlockOutcome.Accepted, BlockOutcome.Completed], outcomes);
        Assert.True(piece.HashMatches(SHA1.HashData(data)));
        Assert.Equal(data, piece.Data.ToArray());
    }

    [Fact]
    public void A_flipped_byte_fails_the_hash()
    {
        var data = new byte[32768];
        new Random(2).NextBytes(data);
        var expected = SHA1.HashData(data);
        data[5] ^= 1;
        using var piece = new PartialPiece(0, data.Length);
        piece.TryAddBlock(0, Slice(data, 0), Peer);
        piece.TryAddBlock(16384, Slice(data, 1), Peer);

        Assert.False(piece.HashMatches(expected));
        Assert.Equal([Peer], piece.Contributors);
    }

    [Fact]
    public void A_second_copy_of_a_block_is_a_duplicate_and_a_misaligned_or_wrong_sized_one_unexpected()
    {
        var data = new byte[32768];
        using var piece = new PartialPiece(0, data.Length);

        Assert.Equal(BlockOutcome.Accepted, piece.TryAddBlock(0, Slice(data, 0), Peer));
        Assert.Equal(BlockOutcome.Duplicate, piece.TryAddBlock(0, Slice(data, 0), Peer));
        Assert.Equal(BlockOutcome.Unexpected, piece.TryAddBlock(100, Slice(data, 0), Peer));
        Assert.Equal(BlockOutcome.Unexpected, piece.TryAddBlock(16384, new ReadOnlySequence<byte>(new byte[10]), Peer));
    }

    [Fact]
    public void Free_blocks_are_handed_out_once_until_released()
    {
        using var piece = new PartialPiece(3, 4 * 16384);
        var first = new List<EnterpriseDistrib.Torrent.Wire.BlockRequest>();
        piece.TakeFreeBlocks(3, first);
        var second = new List<EnterpriseDistrib.Torrent.Wire.BlockRequest>();
        piece.TakeFreeBlocks(10, second);
        piece.RemoveRequest(1);
        var third = new List<EnterpriseDistrib.Torrent.Wire.BlockRequest>();
        piece.TakeFreeBlocks(10, third);

        Assert.Equal([0, 16384, 32768], first.Select(b => b.Offset));
        Assert.Equal([49152], second.Select(b => b.Offset));
        Assert.Equal([16384], third.Select(b => b.Offset));
        Assert.True(piece.FullyRequested());
    }

    private static ReadOnlySequence<byte> Slice(byte[] data, int block) =>
        new(data.AsMemory(block * 16384, Math.Min(16384, data.Length - (block * 16384))));
}
