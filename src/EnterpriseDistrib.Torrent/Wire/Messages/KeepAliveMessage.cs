namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>BEP 3 keep-alive: a zero length prefix and nothing else, sent when a connection has been quiet.</summary>
public readonly record struct KeepAliveMessage : IWireMessage<KeepAliveMessage>
{
    public const int Size = WireFormat.LengthPrefixSize;

    public int EncodedLength => Size;

    public int Encode(Span<byte> destination)
    {
        destination[..Size].Clear();
        return Size;
    }

    public static bool TryDecode(ReadOnlySpan<byte> source, out KeepAliveMessage message, out int consumed)
    {
        message = default;
        consumed = 0;
        if (source.Length < Size)
        {
            return false;
        }

        if (source[0] != 0 || source[1] != 0 || source[2] != 0 || source[3] != 0)
        {
            throw new ProtocolViolationException("A keep-alive has a zero length prefix.");
        }

        consumed = Size;
        return true;
    }
}
