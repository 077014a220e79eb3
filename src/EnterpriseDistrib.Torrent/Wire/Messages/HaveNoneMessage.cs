namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>BEP 6 <c>have none</c>: in place of a bitfield, the sender has no piece.</summary>
public readonly record struct HaveNoneMessage : IWireMessage<HaveNoneMessage>
{
    public const int Size = WireFormat.HeaderSize;

    public int EncodedLength => Size;

    public int Encode(Span<byte> destination) => WireFormat.WriteHeader(destination, MessageId.HaveNone, 0);

    public static bool TryDecode(ReadOnlySpan<byte> source, out HaveNoneMessage message, out int consumed)
    {
        message = default;
        return WireFormat.TryReadFixed(source, MessageId.HaveNone, 0, out _, out consumed);
    }
}
