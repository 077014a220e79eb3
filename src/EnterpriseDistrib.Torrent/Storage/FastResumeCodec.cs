using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Pieces;

namespace EnterpriseDistrib.Torrent.Storage;

/// <summary>
/// The fast-resume file format, version 1 (integers big-endian):
/// <code>
/// "EDFR" | u16 version = 1 | u16 reserved = 0 | info-hash[20] | i32 piece count | i32 file count
/// | bitfield[⌈pieces/8⌉] (BEP 3 bit order) | per file: i64 length, i64 last-write UTC ticks
/// | SHA-256 of everything before it [32]
/// </code>
/// Anything that does not decode exactly is rejected with the reason; resume then falls back to a
/// full re-check rather than trusting it.
/// </summary>
internal static class FastResumeCodec
{
    public const ushort Version = 1;
    private const int HeaderLength = 4 + 2 + 2 + InfoHash.Length + 4 + 4;
    private const int StampLength = 16;
    private const int ChecksumLength = 32;
    private static ReadOnlySpan<byte> Magic => "EDFR"u8;

    /// <summary>The exact length of a resume file for this many pieces and files.</summary>
    public static long EncodedLength(int pieceCount, int fileCount) =>
        HeaderLength + Bitfield.ByteCountFor(pieceCount) + ((long)fileCount * StampLength) + ChecksumLength;

    public static byte[] Encode(FastResumeData data)
    {
        var pieceCount = data.VerifiedPieces.Length;
        var bytes = new byte[EncodedLength(pieceCount, data.Files.Length)];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], Version);
        data.InfoHash.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32BigEndian(span[28..], pieceCount);
        BinaryPrimitives.WriteInt32BigEndian(span[32..], data.Files.Length);
        var at = HeaderLength;
        data.VerifiedPieces.Bytes.CopyTo(span[at..]);
        at += data.VerifiedPieces.Bytes.Length;
        foreach (var stamp in data.Files)
        {
            BinaryPrimitives.WriteInt64BigEndian(span[at..], stamp.Length);
            BinaryPrimitives.WriteInt64BigEndian(span[(at + 8)..], stamp.LastWriteUtcTicks);
            at += StampLength;
        }

        SHA256.HashData(span[..at], span[at..]);
        return bytes;
    }

    /// <summary>Decodes a resume file written for exactly this torrent, or throws <see cref="InvalidDataException"/> saying why not.</summary>
    public static FastResumeData Decode(ReadOnlySpan<byte> bytes, InfoHash infoHash, int pieceCount, int fileCount)
    {
        var expectedLength = EncodedLength(pieceCount, fileCount);
        if (bytes.Length < HeaderLength || !bytes.StartsWith(Magic))
        {
            throw new InvalidDataException("not a fast-resume file (no EDFR header)");
        }

        var version = BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        if (version != Version)
        {
            throw new InvalidDataException($"format version {version}, expected {Version}");
        }

        if (bytes.Length != expectedLength)
        {
            throw new InvalidDataException($"{bytes.Length} bytes, expected {expectedLength} for {pieceCount} pieces and {fileCount} files (truncated or for another torrent)");
        }

        var body = bytes[..^ChecksumLength];
        Span<byte> checksum = stackalloc byte[ChecksumLength];
        SHA256.HashData(body, checksum);
        if (!checksum.SequenceEqual(bytes[^ChecksumLength..]))
        {
            throw new InvalidDataException("checksum mismatch (corrupt)");
        }

        var savedHash = new InfoHash(bytes.Slice(8, InfoHash.Length));
        if (savedHash != infoHash)
        {
            throw new InvalidDataException($"written for torrent {savedHash}, not {infoHash}");
        }

        var savedPieces = BinaryPrimitives.ReadInt32BigEndian(bytes[28..]);
        var savedFiles = BinaryPrimitives.ReadInt32BigEndian(bytes[32..]);
        if (savedPieces != pieceCount || savedFiles != fileCount)
        {
            throw new InvalidDataException($"{savedPieces} pieces and {savedFiles} files, expected {pieceCount} and {fileCount}");
        }

        var at = HeaderLength;
        var bitfieldLength = Bitfield.ByteCountFor(pieceCount);
        if (!Bitfield.TryFromWire(bytes.Slice(at, bitfieldLength), pieceCount, out var verified))
        {
            throw new InvalidDataException("bitfield has spare bits set");
        }

        at += bitfieldLength;
        var stamps = ImmutableArray.CreateBuilder<FileStamp>(fileCount);
        for (var i = 0; i < fileCount; i++, at += StampLength)
        {
            stamps.Add(new FileStamp(BinaryPrimitives.ReadInt64BigEndian(bytes[at..]), BinaryPrimitives.ReadInt64BigEndian(bytes[(at + 8)..])));
        }

        return new FastResumeData(infoHash, verified!, stamps.MoveToImmutable());
    }
}
