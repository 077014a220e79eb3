namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>BEP 6 <c>have all</c>: in place of a bitfield, the sender has every piece.</summary>
public readonly record struct HaveAllMessage : IWireMessage<HaveAllMessage>
{
    public const int Size = WireFormat.HeaderSize;

    public int EncodedLength => Size;

    public int Encode(Span<byte> destination) => WireFormat.WriteHeader(destination, MessageId.HaveAll, 0);

    public static bool TryDecode(ReadOnlySpan<byte> source, out HaveAllMessage message, out int consumed)
    {
        message = default;
        return WireFormat.TryReadFixed(source, MessageId.HaveAll, 0, out _, out consumed);
    }
}
