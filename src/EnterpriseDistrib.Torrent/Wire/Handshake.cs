using System.Buffers.Binary;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Torrent.Wire;

/// <summary>
/// The 68-byte BEP 3 handshake: <c>19 "BitTorrent protocol"</c>, 8 reserved bytes, the info-hash and the
/// sender's peer id.
/// </summary>
public readonly record struct Handshake(ulong Reserved, InfoHash InfoHash, PeerId PeerId)
{
    public const int Length = 68;

    /// <summary>
    /// The bits we set: BEP 10 extension protocol (0x10 in reserved byte 5) and BEP 6 Fast extension
    /// (0x04 in byte 7). Never the DHT bit (0x01 in byte 7): our swarms are private (BEP 27).
    /// </summary>
    public const ulong OurReserved = ExtensionProtocolBit | FastExtensionBit;

    public const ulong ExtensionProtocolBit = 0x10UL << 16;
    public const ulong FastExtensionBit = 0x04UL;
    public const ulong DhtBit = 0x01UL;

    private static ReadOnlySpan<byte> Protocol => "BitTorrent protocol"u8;

    public bool SupportsFastExtension => (Reserved & FastExtensionBit) != 0;

    public bool SupportsExtensionProtocol => (Reserved & ExtensionProtocolBit) != 0;

    public int Encode(Span<byte> destination)
    {
        destination[0] = (byte)Protocol.Length;
        Protocol.CopyTo(destination[1..]);
        BinaryPrimitives.WriteUInt64BigEndian(destination[20..], Reserved);
        InfoHash.CopyTo(destination[28..]);
        PeerId.Bytes.CopyTo(destination[48..]);
        return Length;
    }

    /// <summary>
    /// Decodes a handshake; false when fewer than 68 bytes are there yet. A wrong protocol string is a
    /// violation: this is not a BitTorrent peer (or it speaks an encryption we don't, BEP 8 is not used).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out Handshake message, out int consumed)
    {
        message = default;
        consumed = 0;
        if (source.Length >= 1 && source[0] != Protocol.Length)
        {
            throw new ProtocolViolationException($"The handshake starts with a protocol name of {source[0]} bytes, not 19.");
        }

        if (source.Length < Length)
        {
            return false;
        }

        if (!source.Slice(1, Protocol.Length).SequenceEqual(Protocol))
        {
            throw new ProtocolViolationException("The handshake does not name \"BitTorrent protocol\".");
        }

        message = new Handshake(
            BinaryPrimitives.ReadUInt64BigEndian(source[20..]),
            new InfoHash(source.Slice(28, InfoHash.Length)),
            new PeerId(source.Slice(48, PeerId.Length)));
        consumed = Length;
        return true;
    }
}
