using System.Buffers.Binary;

namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>BEP 3 <c>have</c>: the sender has just completed and verified a piece.</summary>
public readonly record struct HaveMessage(int PieceIndex) : IWireMessage<HaveMessage>
{
    public const int Size = WireFormat.HeaderSize + 4;

    public int EncodedLength => Size;

    public int Encode(Span<byte> destination)
    {
        var at = WireFormat.WriteHeader(destination, MessageId.Have, 4);
        BinaryPrimitives.WriteInt32BigEndian(destination[at..], PieceIndex);
        return Size;
    }

    public static bool TryDecode(ReadOnlySpan<byte> source, out HaveMessage message, out int consumed)
    {
        message = default;
        if (!WireFormat.TryReadFixed(source, MessageId.Have, 4, out var payload, out consumed))
        {
            return false;
        }

        message = new HaveMessage(BinaryPrimitives.ReadInt32BigEndian(payload));
        return true;
    }
}
