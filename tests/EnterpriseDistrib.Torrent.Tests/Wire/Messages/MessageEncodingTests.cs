using EnterpriseDistrib.Torrent.Pieces;
using EnterpriseDistrib.Torrent.Wire;
using EnterpriseDistrib.Torrent.Wire.Messages;

namespace EnterpriseDistrib.Torrent.Tests.Wire.Messages;

/// <summary>Golden bytes for every message, written out by hand from BEP 3, 6 and 10.</summary>
public sealed class MessageEncodingTests
{
    [Fact]
    public void Keep_alive_is_a_zero_length_prefix() =>
        AssertRoundTrip(default(KeepAliveMessage), [0, 0, 0, 0]);

    [Fact]
    public void Choke_unchoke_interested_and_not_interested_are_ids_0_to_3()
    {
        AssertRoundTrip(default(ChokeMessage), [0, 0, 0, 1, 0]);
        AssertRoundTrip(default(UnchokeMessage), [0, 0, 0, 1, 1]);
        AssertRoundTrip(default(InterestedMessage), [0, 0, 0, 1, 2]);
        AssertRoundTrip(default(NotInterestedMessage), [0, 0, 0, 1, 3]);
    }

    [Fact]
    public void Have_carries_a_big_endian_piece_index() =>
        AssertRoundTrip(new HaveMessage(0x01020304), [0, 0, 0, 5, 4, 1, 2, 3, 4]);

    [Fact]
    public void Request_cancel_and_reject_carry_index_begin_and_length()
    {
        var block = new BlockRequest(1, 0x4000, 0x4000);
        AssertRoundTrip(new RequestMessage(block), [0, 0, 0, 13, 6, 0, 0, 0, 1, 0, 0, 0x40, 0, 0, 0, 0x40, 0]);
        AssertRoundTrip(new CancelMessage(block), [0, 0, 0, 13, 8, 0, 0, 0, 1, 0, 0, 0x40, 0, 0, 0, 0x40, 0]);
        AssertRoundTrip(new RejectRequestMessage(block), [0, 0, 0, 13, 0x10, 0, 0, 0, 1, 0, 0, 0x40, 0, 0, 0, 0x40, 0]);
    }

    [Fact]
    public void Fast_extension_messages_use_ids_0x0D_to_0x11()
    {
        AssertRoundTrip(new SuggestPieceMessage(7), [0, 0, 0, 5, 0x0D, 0, 0, 0, 7]);
        AssertRoundTrip(default(HaveAllMessage), [0, 0, 0, 1, 0x0E]);
        AssertRoundTrip(default(HaveNoneMessage), [0, 0, 0, 1, 0x0F]);
        AssertRoundTrip(new AllowedFastMessage(9), [0, 0, 0, 5, 0x11, 0, 0, 0, 9]);
    }

    [Fact]
    public void Piece_header_counts_the_block_in_its_length_prefix()
    {
        var header = new PieceHeader(2, 0x8000, 3);
        var bytes = new byte[PieceHeader.Size];
        header.Encode(bytes);

        Assert.Equal(new byte[] { 0, 0, 0, 12, 7, 0, 0, 0, 2, 0, 0, 0x80, 0 }, bytes);
        byte[] frame = [.. bytes, 0xAA, 0xBB, 0xCC];
        Assert.True(PieceHeader.TryDecode(frame, out var decoded, out var consumed));
        Assert.Equal(header, decoded);
        Assert.Equal(13, consumed);
    }

    [Fact]
    public void Piece_header_refuses_a_block_larger_than_16_KiB()
    {
        byte[] frame = [0, 0, 0x40, 0x0A, 7, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.Throws<ProtocolViolationException>(() => PieceHeader.TryDecode(frame, out _, out _));
    }

    [Fact]
    public void Bitfield_puts_piece_0_in_the_high_bit()
    {
        var bitfield = new Bitfield(10);
        bitfield.Set(0);
        bitfield.Set(9);
        var message = BitfieldMessage.From(bitfield);

        AssertRoundTrip(message, [0, 0, 0, 3, 5, 0x80, 0x40]);
        Assert.True(message.ToBitfield(10)[9]);
    }

    [Fact]
    public void Bitfield_of_the_wrong_size_or_with_spare_bits_set_is_a_violation()
    {
        Assert.Throws<ProtocolViolationException>(() => new BitfieldMessage(new byte[] { 0x80 }).ToBitfield(10));
        Assert.Throws<ProtocolViolationException>(() => new BitfieldMessage(new byte[] { 0x80, 0x20 }).ToBitfield(10));
    }

    [Fact]
    public void Extended_message_carries_its_extended_id_before_the_payload() =>
        AssertRoundTrip(new ExtendedMessage(3, "de"u8.ToArray()), [0, 0, 0, 4, 20, 3, (byte)'d', (byte)'e']);

    [Fact]
    public void A_message_decoded_as_another_type_is_a_violation()
    {
        byte[] have = [0, 0, 0, 5, 4, 0, 0, 0, 1];
        Assert.Throws<ProtocolViolationException>(() => RequestMessage.TryDecode(have, out _, out _));
        Assert.Throws<ProtocolViolationException>(() => SuggestPieceMessage.TryDecode(have, out _, out _));
    }

    [Fact]
    public void A_fixed_message_with_the_wrong_length_is_a_violation()
    {
        byte[] longHave = [0, 0, 0, 6, 4, 0, 0, 0, 1, 0];
        Assert.Throws<ProtocolViolationException>(() => HaveMessage.TryDecode(longHave, out _, out _));
    }

    [Fact]
    public void An_incomplete_frame_is_not_decoded_yet()
    {
        byte[] partial = [0, 0, 0, 13, 6, 0, 0, 0, 1, 0, 0];
        Assert.False(RequestMessage.TryDecode(partial, out _, out var consumed));
        Assert.Equal(0, consumed);
    }

    private static void AssertRoundTrip<T>(T message, byte[] golden)
        where T : IWireMessage<T>
    {
        var bytes = new byte[message.EncodedLength];
        Assert.Equal(golden.Length, message.Encode(bytes));
        Assert.Equal(golden, bytes);

        Assert.True(T.TryDecode(golden, out var decoded, out var consumed));
        Assert.Equal(golden.Length, consumed);
        Assert.Equal(message, decoded);
    }
}
