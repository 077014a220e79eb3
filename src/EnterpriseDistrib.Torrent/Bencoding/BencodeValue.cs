namespace EnterpriseDistrib.Torrent.Bencoding;

/// <summary>A bencoded value (BEP 3): a byte string, an integer, a list or a dictionary.</summary>
/// <remarks>
/// A decoded value keeps <see cref="Raw"/>, the exact slice of the input it was decoded from, so the
/// info-hash can be taken over the bytes as they appear in the file. A value built in code encodes
/// itself canonically the first time <see cref="Raw"/> is asked for.
/// </remarks>
public abstract class BencodeValue
{
    private readonly ReadOnlyMemory<byte> _decodedRaw;
    private byte[]? _encoded;

    private protected BencodeValue(ReadOnlyMemory<byte> decodedRaw, int sourceOffset)
    {
        _decodedRaw = decodedRaw;
        SourceOffset = sourceOffset;
        IsDecoded = true;
    }

    private protected BencodeValue()
    {
        SourceOffset = -1;
    }

    /// <summary>The canonical bencoding of this value; for a decoded value, the slice of the input it came from.</summary>
    public ReadOnlyMemory<byte> Raw => IsDecoded ? _decodedRaw : (_encoded ??= BencodeEncoder.Encode(this));

    /// <summary>Offset of the value's first byte in the decoded input, or -1 for values built in code.</summary>
    internal int SourceOffset { get; }

    internal bool IsDecoded { get; }

    /// <summary>True when <see cref="Raw"/> is already known, so encoding can copy it instead of walking the value.</summary>
    internal bool HasRaw => IsDecoded || _encoded is not null;
}
