using System.Buffers.Binary;

namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>BEP 3 <c>cancel</c>: withdraws an earlier request (sent in endgame when a duplicate arrives).</summary>
public readonly record struct CancelMessage(BlockRequest Block) : IWireMessage<CancelMessage>
{
    public const int Size = WireFormat.HeaderSize + 12;

    public int EncodedLength => Size;

    public int Encode(Span<byte> destination)
    {
        var at = WireFormat.WriteHeader(destination, MessageId.Cancel, 12);
        BinaryPrimitives.WriteInt32BigEndian(destination[at..], Block.PieceIndex);
        BinaryPrimitives.WriteInt32BigEndian(destination[(at + 4)..], Block.Offset);
        BinaryPrimitives.WriteInt32BigEndian(destination[(at + 8)..], Block.Length);
        return Size;
    }

    public static bool TryDecode(ReadOnlySpan<byte> source, out CancelMessage message, out int consumed)
    {
        message = default;
        if (!WireFormat.TryReadFixed(source, MessageId.Cancel, 12, out var payload, out consumed))
        {
            return false;
        }

        message = new CancelMessage(new BlockRequest(
            BinaryPrimitives.ReadInt32BigEndian(payload),
            BinaryPrimitives.ReadInt32BigEndian(payload[4..]),
            BinaryPrimitives.ReadInt32BigEndian(payload[8..])));
        return true;
    }
}
