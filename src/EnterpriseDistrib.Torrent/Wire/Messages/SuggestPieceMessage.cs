using System.Buffers.Binary;

namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>BEP 6 <c>suggest piece</c>: the sender would like the receiver to download this piece (advisory).</summary>
public readonly record struct SuggestPieceMessage(int PieceIndex) : IWireMessage<SuggestPieceMessage>
{
    public const int Size = WireFormat.HeaderSize + 4;

    public int EncodedLength => Size;

    public int Encode(Span<byte> destination)
    {
        var at = WireFormat.WriteHeader(destination, MessageId.SuggestPiece, 4);
        BinaryPrimitives.WriteInt32BigEndian(destination[at..], PieceIndex);
        return Size;
    }

    public static bool TryDecode(ReadOnlySpan<byte> source, out SuggestPieceMessage message, out int consumed)
    {
        message = default;
        if (!WireFormat.TryReadFixed(source, MessageId.SuggestPiece, 4, out var payload, out consumed))
        {
            return false;
        }

        message = new SuggestPieceMessage(BinaryPrimitives.ReadInt32BigEndian(payload));
        return true;
    }
}
