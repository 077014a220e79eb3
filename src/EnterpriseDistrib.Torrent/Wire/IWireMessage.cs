namespace EnterpriseDistrib.Torrent.Wire;

/// <summary>
/// One peer wire message: it encodes itself as a whole frame (4-byte big-endian length prefix, id,
/// payload) and decodes from one.
/// </summary>
public interface IWireMessage<TSelf>
    where TSelf : IWireMessage<TSelf>
{
    /// <summary>The bytes <see cref="Encode"/> writes, length prefix included.</summary>
    int EncodedLength { get; }

    int Encode(Span<byte> destination);

    /// <summary>
    /// Decodes one frame at the start of <paramref name="source"/>: false when it is not all there yet;
    /// <see cref="ProtocolViolationException"/> when it is not this message or is malformed.
    /// </summary>
    static abstract bool TryDecode(ReadOnlySpan<byte> source, out TSelf message, out int consumed);
}
