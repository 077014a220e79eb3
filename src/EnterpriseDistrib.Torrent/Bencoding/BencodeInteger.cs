namespace EnterpriseDistrib.Torrent.Bencoding;

/// <summary>A bencoded integer (<c>i42e</c>), held as a 64-bit signed value.</summary>
public sealed class BencodeInteger : BencodeValue
{
    internal BencodeInteger(ReadOnlyMemory<byte> raw, long value, int sourceOffset)
        : base(raw, sourceOffset)
    {
        Value = value;
    }

    private BencodeInteger(long value)
    {
        Value = value;
    }

    public long Value { get; }

    public static BencodeInteger From(long value) => new(value);

    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
