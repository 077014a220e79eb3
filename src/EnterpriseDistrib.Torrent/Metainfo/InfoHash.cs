using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EnterpriseDistrib.Torrent.Metainfo;

/// <summary>The 20-byte SHA-1 of a torrent's bencoded <c>info</c> dictionary (BEP 3), usable as a dictionary key.</summary>
public readonly struct InfoHash : IEquatable<InfoHash>
{
    public const int Length = 20;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly uint _c;

    public InfoHash(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"An info-hash is {Length} bytes, not {bytes.Length}.", nameof(bytes));
        }

        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    /// <summary>Hashes the exact bytes of a bencoded <c>info</c> dictionary.</summary>
    public static InfoHash Compute(ReadOnlySpan<byte> bencodedInfo)
    {
        Span<byte> digest = stackalloc byte[Length];
        SHA1.HashData(bencodedInfo, digest);
        return new InfoHash(digest);
    }

    public static InfoHash ParseHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != Length * 2)
        {
            throw new FormatException($"An info-hash is {Length * 2} hexadecimal digits, not {hex.Length}.");
        }

        return new InfoHash(Convert.FromHexString(hex));
    }

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _c);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Lower-case hexadecimal, the form trackers and people use.</summary>
    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public override string ToString() => ToHex();

    public bool Equals(InfoHash other) => _a == other._a && _b == other._b && _c == other._c;

    public override bool Equals(object? obj) => obj is InfoHash other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_a, _b, _c);

    public static bool operator ==(InfoHash left, InfoHash right) => left.Equals(right);

    public static bool operator !=(InfoHash left, InfoHash right) => !left.Equals(right);
}
