using System.Buffers.Binary;

namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>BEP 6 <c>reject request</c>: the sender will not answer this request.</summary>
public readonly record struct RejectRequestMessage(BlockRequest Block) : IWireMessage<RejectRequestMessage>
{
    public const int Size = WireFormat.HeaderSize + 12;

    public int EncodedLength => Size;

    public int Encode(Span<byte> destination)
    {
        var at = WireFormat.WriteHeader(destination, MessageId.RejectRequest, 12);
        BinaryPrimitives.WriteInt32BigEndian(destination[at..], Block.PieceIndex);
        BinaryPrimitives.WriteInt32BigEndian(destination[(at + 4)..], Block.Offset);
        BinaryPrimitives.WriteInt32BigEndian(destination[(at + 8)..], Block.Length);
        return Size;
    }

    public static bool TryDecode(ReadOnlySpan<byte> source, out RejectRequestMessage message, out int consumed)
    {
        message = default;
        if (!WireFormat.TryReadFixed(source, MessageId.RejectRequest, 12, out var payload, out consumed))
        {
            return false;
        }

        message = new RejectRequestMessage(new BlockRequest(
            BinaryPrimitives.ReadInt32BigEndian(payload),
            BinaryPrimitives.ReadInt32BigEndian(payload[4..]),
            BinaryPrimitives.ReadInt32BigEndian(payload[8..])));
        return true;
    }
}
