namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>BEP 3 <c>unchoke</c>: the sender will now answer requests.</summary>
public readonly record struct UnchokeMessage : IWireMessage<UnchokeMessage>
{
    public const int Size = WireFormat.HeaderSize;

    public int EncodedLength => Size;

    public int Encode(Span<byte> destination) => WireFormat.WriteHeader(destination, MessageId.Unchoke, 0);

    public static bool TryDecode(ReadOnlySpan<byte> source, out UnchokeMessage message, out int consumed)
    {
        message = default;
        return WireFormat.TryReadFixed(source, MessageId.Unchoke, 0, out _, out consumed);
    }
}
