namespace EnterpriseDistrib.Torrent.Bencoding;

/// <summary>Input that is not strict, canonical bencode; says where and which rule was broken.</summary>
public sealed class BencodeException : FormatException
{
    public BencodeException()
        : this(0, BencodeRules.Invalid, "Invalid bencode.")
    {
    }

    public BencodeException(string message)
        : this(0, BencodeRules.Invalid, message)
    {
    }

    public BencodeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rule = BencodeRules.Invalid;
    }

    public BencodeException(long offset, string rule, string detail)
        : base($"Invalid bencode at byte {offset}: {detail} (rule: {rule}).")
    {
        Offset = offset;
        Rule = rule;
    }

    /// <summary>Offset in the input of the byte where the rule was broken.</summary>
    public long Offset { get; }

    /// <summary>A short stable name of the broken rule, one of <see cref="BencodeRules"/>.</summary>
    public string Rule { get; }
}
