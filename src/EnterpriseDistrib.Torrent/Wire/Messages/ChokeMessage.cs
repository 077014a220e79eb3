namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>BEP 3 <c>choke</c>: the sender will not answer requests until it unchokes.</summary>
public readonly record struct ChokeMessage : IWireMessage<ChokeMessage>
{
    public const int Size = WireFormat.HeaderSize;

    public int EncodedLength => Size;

    public int Encode(Span<byte> destination) => WireFormat.WriteHeader(destination, MessageId.Choke, 0);

    public static bool TryDecode(ReadOnlySpan<byte> source, out ChokeMessage message, out int consumed)
    {
        message = default;
        return WireFormat.TryReadFixed(source, MessageId.Choke, 0, out _, out consumed);
    }
}
