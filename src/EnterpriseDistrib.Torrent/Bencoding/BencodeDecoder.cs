namespace EnterpriseDistrib.Torrent.Bencoding;

/// <summary>Strict BEP 3 decoding: exactly the canonical form, bounded by <see cref="BencodeLimits"/>.</summary>
/// <remarks>
/// The parser keeps its own stack of open containers instead of recursing, so hostile nesting meets
/// <see cref="BencodeLimits.MaxDepth"/> and never the thread's stack. Decoded values slice the input;
/// nothing is copied and no declared length is allocated before it is checked against the input.
/// </remarks>
public static class BencodeDecoder
{
    /// <summary>Decodes one value that must span the whole input.</summary>
    public static BencodeValue Decode(ReadOnlyMemory<byte> input, BencodeLimits? limits = null)
    {
        var value = new BencodeParser(input, limits ?? BencodeLimits.Default).ParseValue(out var consumed);
        if (consumed != input.Length)
        {
            throw new BencodeException(consumed, BencodeRules.TrailingBytes, $"{input.Length - consumed} bytes follow the value");
        }

        return value;
    }

    /// <summary>Decodes a whole input that must be one dictionary (a .torrent file, a tracker response).</summary>
    public static BencodeDictionary DecodeDictionary(ReadOnlyMemory<byte> input, BencodeLimits? limits = null)
    {
        if (!input.IsEmpty && input.Span[0] != (byte)'d')
        {
            throw new BencodeException(0, BencodeRules.WrongType, "expected a dictionary");
        }

        return (BencodeDictionary)Decode(input, limits);
    }

    /// <summary>Decodes one value at the start of <paramref name="input"/> and reports how many bytes it used (BEP 9/10 payloads followed by data).</summary>
    public static BencodeValue DecodePrefix(ReadOnlyMemory<byte> input, out int consumed, BencodeLimits? limits = null) =>
        new BencodeParser(input, limits ?? BencodeLimits.Default).ParseValue(out consumed);
}
