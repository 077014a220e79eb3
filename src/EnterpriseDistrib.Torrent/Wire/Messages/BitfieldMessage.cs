using EnterpriseDistrib.Torrent.Pieces;

namespace EnterpriseDistrib.Torrent.Wire.Messages;

/// <summary>BEP 3 <c>bitfield</c>: the pieces the sender has, sent only as its first message.</summary>
public sealed record BitfieldMessage(ReadOnlyMemory<byte> Bits) : IWireMessage<BitfieldMessage>
{
    /// <summary>The most bytes we accept: ⌈2^24/8⌉ covers 16 million pieces, far past any torrent we carry.</summary>
    public const int MaxPayload = 2 * 1024 * 1024;

    public int EncodedLength => WireFormat.HeaderSize + Bits.Length;

    public static BitfieldMessage From(Bitfield bitfield)
    {
        ArgumentNullException.ThrowIfNull(bitfield);
        return new BitfieldMessage(bitfield.Bytes.ToArray());
    }

    public int Encode(Span<byte> destination)
    {
        var at = WireFormat.WriteHeader(destination, MessageId.Bitfield, Bits.Length);
        Bits.Span.CopyTo(destination[at..]);
        return EncodedLength;
    }

    public static bool TryDecode(ReadOnlySpan<byte> source, out BitfieldMessage message, out int consumed)
    {
        message = null!;
        if (!WireFormat.TryReadVariable(source, MessageId.Bitfield, 0, MaxPayload, out var payload, out consumed))
        {
            return false;
        }

        message = new BitfieldMessage(payload.ToArray());
        return true;
    }

    /// <summary>
    /// The pieces as a <see cref="Bitfield"/> of <paramref name="pieceCount"/>. BEP 3: the payload is
    /// exactly ⌈pieces/8⌉ bytes and spare bits are zero; anything else is a violation.
    /// </summary>
    public Bitfield ToBitfield(int pieceCount) =>
        Bitfield.TryFromWire(Bits.Span, pieceCount, out var bitfield)
            ? bitfield!
            : throw new ProtocolViolationException(
                $"A bitfield for {pieceCount} pieces is {Bitfield.ByteCountFor(pieceCount)} bytes with zero spare bits; got {Bits.Length} bytes or spare bits set.");

    public bool Equals(BitfieldMessage? other) => other is not null && Bits.Span.SequenceEqual(other.Bits.Span);

    public override int GetHashCode() => Bits.Length;
}
