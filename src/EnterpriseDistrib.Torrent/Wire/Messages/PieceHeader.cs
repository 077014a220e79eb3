using System.Buffers.Binary;

namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>
/// The first 13 bytes of a BEP 3 <c>piece</c> message (length prefix, id, index, begin); the block's
/// <see cref="BlockLength"/> bytes follow it on the wire, so the hot path moves them without a copy.
/// </summary>
public readonly record struct PieceHeader(int PieceIndex, int Offset, int BlockLength) : IWireMessage<PieceHeader>
{
    public const int Size = WireFormat.HeaderSize + 8;

    /// <summary>The header alone: the block is written after it by whoever owns the bytes.</summary>
    public int EncodedLength => Size;

    public BlockRequest Block => new(PieceIndex, Offset, BlockLength);

    public int Encode(Span<byte> destination)
    {
        var at = WireFormat.WriteHeader(destination, MessageId.Piece, 8 + BlockLength);
        BinaryPrimitives.WriteInt32BigEndian(destination[at..], PieceIndex);
        BinaryPrimitives.WriteInt32BigEndian(destination[(at + 4)..], Offset);
        return Size;
    }

    /// <summary>Decodes the header only; <paramref name="consumed"/> is 13 and the block follows.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out PieceHeader message, out int consumed)
    {
        message = default;
        consumed = 0;
        if (source.Length < Size)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(source);
        if (source[WireFormat.LengthPrefixSize] != (byte)MessageId.Piece)
        {
            throw new ProtocolViolationException($"Expected a Piece message (id 7), got id {source[WireFormat.LengthPrefixSize]}.");
        }

        if (length <= 9 || length > 9 + (uint)BlockRequest.StandardLength)
        {
            throw new ProtocolViolationException($"A piece message of {length} bytes carries no block or one larger than {BlockRequest.StandardLength} bytes.");
        }

        message = new PieceHeader(
            BinaryPrimitives.ReadInt32BigEndian(source[WireFormat.HeaderSize..]),
            BinaryPrimitives.ReadInt32BigEndian(source[(WireFormat.HeaderSize + 4)..]),
            (int)length - 9);
        consumed = Size;
        return true;
    }
}
