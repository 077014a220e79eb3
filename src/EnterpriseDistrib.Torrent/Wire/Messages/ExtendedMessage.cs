namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>
/// BEP 10 extended message: id 20, then the extended message id (0 is the handshake; others are the ids
/// the receiver gave in its handshake's <c>m</c> dictionary), then that extension's payload.
/// </summary>
public sealed record ExtendedMessage(byte ExtendedId, ReadOnlyMemory<byte> Payload) : IWireMessage<ExtendedMessage>
{
    public const byte HandshakeId = 0;

    /// <summary>
    /// Our bound on an extension payload: a handshake is a few hundred bytes and a BEP 9 metadata piece
    /// 16 KiB plus its header, so 64 KiB leaves room and still caps what a peer can make us buffer.
    /// </summary>
    public const int MaxPayload = 64 * 1024;

    public int EncodedLength => WireFormat.HeaderSize + 1 + Payload.Length;

    public int Encode(Span<byte> destination)
    {
        var at = WireFormat.WriteHeader(destination, MessageId.Extended, 1 + Payload.Length);
        destination[at] = ExtendedId;
        Payload.Span.CopyTo(destination[(at + 1)..]);
        return EncodedLength;
    }

    public static bool TryDecode(ReadOnlySpan<byte> source, out ExtendedMessage message, out int consumed)
    {
        message = null!;
        if (!WireFormat.TryReadVariable(source, MessageId.Extended, 1, 1 + MaxPayload, out var payload, out consumed))
        {
            return false;
        }

        message = new ExtendedMessage(payload[0], payload[1..].ToArray());
        return true;
    }

    public bool Equals(ExtendedMessage? other) =>
        other is not null && ExtendedId == other.ExtendedId && Payload.Span.SequenceEqual(other.Payload.Span);

    public override int GetHashCode() => HashCode.Combine(ExtendedId, Payload.Length);
}
