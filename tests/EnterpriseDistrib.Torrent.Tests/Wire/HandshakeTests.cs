using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Wire;

namespace EnterpriseDistrib.Torrent.Tests.Wire;

public sealed class HandshakeTests
{
    private static readonly InfoHash Hash = InfoHash.ParseHex("0123456789abcdef0123456789abcdef01234567");
    private static readonly PeerId Peer = new("-ED0001-abcdefghijkl"u8);

    [Fact]
    public void Encodes_the_68_bytes_bep3_describes_with_only_the_fast_and_extension_bits_set()
    {
        var bytes = new byte[Handshake.Length];
        var written = new Handshake(Handshake.OurReserved, Hash, Peer).Encode(bytes);

        byte[] expected =
        [
            19, .. "BitTorrent protocol"u8,
            0, 0, 0, 0, 0, 0x10, 0, 0x04,
            0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x01, 0x23, 0x45, 0x67,
            .. "-ED0001-abcdefghijkl"u8,
        ];
        Assert.Equal(Handshake.Length, written);
        Assert.Equal(expected, bytes);
        Assert.Equal(0, bytes[27] & 0x01); // BEP 5's DHT bit stays clear: private swarms only.
    }

    [Fact]
    public void Decodes_what_it_encodes_and_reports_the_peers_extensions()
    {
        var bytes = new byte[Handshake.Length];
        new Handshake(Handshake.OurReserved, Hash, Peer).Encode(bytes);

        Assert.True(Handshake.TryDecode(bytes, out var decoded, out var consumed));

        Assert.Equal(68, consumed);
        Assert.Equal(Hash, decoded.InfoHash);
        Assert.Equal(Peer, decoded.PeerId);
        Assert.True(decoded.SupportsFastExtension);
        Assert.True(decoded.SupportsExtensionProtocol);
    }

    [Fact]
    public void Waits_for_more_bytes_when_the_handshake_is_incomplete()
    {
        var bytes = new byte[Handshake.Length];
        new Handshake(0, Hash, Peer).Encode(bytes);

        Assert.False(Handshake.TryDecode(bytes.AsSpan(0, 67), out _, out var consumed));
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void Rejects_a_stream_that_is_not_the_bittorrent_protocol()
    {
        var http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray();
        var wrongName = new byte[Handshake.Length];
        new Handshake(0, Hash, Peer).Encode(wrongName);
        wrongName[5] = (byte)'X';

        Assert.Throws<ProtocolViolationException>(() => Handshake.TryDecode(http, out _, out _));
        Assert.Throws<ProtocolViolationException>(() => Handshake.TryDecode(wrongName, out _, out _));
    }
}
