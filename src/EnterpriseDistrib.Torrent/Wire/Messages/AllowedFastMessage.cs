using System.Buffers.Binary;

namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>BEP 6 <c>allowed fast</c>: the receiver may request this piece even while choked.</summary>
public readonly record struct AllowedFastMessage(int PieceIndex) : IWireMessage<AllowedFastMessage>
{
    public const int Size = WireFormat.HeaderSize + 4;

    public int EncodedLength => Size;

    public int Encode(Span<byte> destination)
    {
        var at = WireFormat.WriteHeader(destination, MessageId.AllowedFast, 4);
        BinaryPrimitives.WriteInt32BigEndian(destination[at..], PieceIndex);
        return Size;
    }

    public static bool TryDecode(ReadOnlySpan<byte> source, out AllowedFastMessage message, out int consumed)
    {
        message = default;
        if (!WireFormat.TryReadFixed(source, MessageId.AllowedFast, 4, out var payload, out consumed))
        {
            return false;
        }

        message = new AllowedFastMessage(BinaryPrimitives.ReadInt32BigEndian(payload));
        return true;
    }
}
