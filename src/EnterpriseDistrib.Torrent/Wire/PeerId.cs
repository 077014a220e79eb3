using System.Security.Cryptography;
using System.Text;

namespace EnterpriseDistrib.Torrent.Wire;

/// <summary>The 20-byte peer id a client sends in its handshake (BEP 3).</summary>
public readonly record struct PeerId
{
    public const int Length = 20;

    // BEP 20 Azureus-style prefix: "-ED" + 4-digit version + "-".
    private const string ClientPrefix = "-ED0001-";

    private readonly ReadOnlyMemory<byte> _bytes;

    public PeerId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A peer id is {Length} bytes, not {bytes.Length}.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    public ReadOnlySpan<byte> Bytes => _bytes.Span;

    /// <summary>A fresh id: our client prefix followed by random bytes, so two engines never collide.</summary>
    public static PeerId CreateRandom()
    {
        Span<byte> bytes = stackalloc byte[Length];
        Encoding.ASCII.GetBytes(ClientPrefix, bytes);
        const string alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        for (var i = ClientPrefix.Length; i < Length; i++)
        {
            bytes[i] = (byte)alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new PeerId(bytes);
    }

    public bool Equals(PeerId other) => _bytes.Span.SequenceEqual(other._bytes.Span);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes.Span);
        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var builder = new StringBuilder(Length);
        foreach (var b in _bytes.Span)
        {
            builder.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        }

        return builder.ToString();
    }
}
