namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>BEP 3 <c>not interested</c>: the sender wants nothing the receiver has.</summary>
public readonly record struct NotInterestedMessage : IWireMessage<NotInterestedMessage>
{
    public const int Size = WireFormat.HeaderSize;

    public int EncodedLength => Size;

    public int Encode(Span<byte> destination) => WireFormat.WriteHeader(destination, MessageId.NotInterested, 0);

    public static bool TryDecode(ReadOnlySpan<byte> source, out NotInterestedMessage message, out int consumed)
    {
        message = default;
        return WireFormat.TryReadFixed(source, MessageId.NotInterested, 0, out _, out consumed);
    }
}
