namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>BEP 3 <c>interested</c>: the sender wants pieces the receiver has.</summary>
public readonly record struct InterestedMessage : IWireMessage<InterestedMessage>
{
    public const int Size = WireFormat.HeaderSize;

    public int EncodedLength => Size;

    public int Encode(Span<byte> destination) => WireFormat.WriteHeader(destination, MessageId.Interested, 0);

    public static bool TryDecode(ReadOnlySpan<byte> source, out InterestedMessage message, out int consumed)
    {
        message = default;
        return WireFormat.TryReadFixed(source, MessageId.Interested, 0, out _, out consumed);
    }
}
