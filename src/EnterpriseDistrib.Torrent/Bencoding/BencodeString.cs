using System.Text;

namespace EnterpriseDistrib.Torrent.Bencoding;

/// <summary>A bencoded byte string; often, but not necessarily, UTF-8 text.</summary>
public sealed class BencodeString : BencodeValue
{
    internal BencodeString(ReadOnlyMemory<byte> raw, ReadOnlyMemory<byte> bytes, int sourceOffset)
        : base(raw, sourceOffset)
    {
        Bytes = bytes;
    }

    private BencodeString(ReadOnlyMemory<byte> bytes)
    {
        Bytes = bytes;
    }

    /// <summary>The string's content, without the length prefix.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The content as text; throws <see cref="BencodeException"/> naming the first invalid byte when it is not UTF-8.</summary>
    public string ToUtf8String()
    {
        var span = Bytes.Span;
        var invalidAt = FindInvalidUtf8(span);
        if (invalidAt >= 0)
        {
            var contentStart = IsDecoded ? SourceOffset + (Raw.Length - Bytes.Length) : 0;
            throw new BencodeException(
                contentStart + invalidAt,
                BencodeRules.InvalidUtf8,
                $"string is not valid UTF-8 (byte {invalidAt} of the string)");
        }

        return Encoding.UTF8.GetString(span);
    }

    public override string ToString() =>
        FindInvalidUtf8(Bytes.Span) < 0 ? Encoding.UTF8.GetString(Bytes.Span) : Convert.ToHexStringLower(Bytes.Span);

    public static BencodeString From(string utf8)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        return new BencodeString(Encoding.UTF8.GetBytes(utf8));
    }

    /// <summary>Wraps <paramref name="bytes"/> without copying; the caller must not change them afterwards.</summary>
    public static BencodeString From(ReadOnlyMemory<byte> bytes) => new(bytes);

    private static int FindInvalidUtf8(ReadOnlySpan<byte> span)
    {
        if (System.Text.Unicode.Utf8.IsValid(span))
        {
            return -1;
        }

        var position = 0;
        while (position < span.Length)
        {
            if (Rune.DecodeFromUtf8(span[position..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return position;
            }

            position += consumed;
        }

        return -1;
    }
}
