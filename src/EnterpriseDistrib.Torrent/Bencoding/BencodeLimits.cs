namespace EnterpriseDistrib.Torrent.Bencoding;

/// <summary>Bounds the decoder enforces so hostile input costs bounded memory and time.</summary>
public sealed record BencodeLimits
{
    /// <summary>Most lists and dictionaries nested inside each other; the top-level container counts as one.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Longest byte string accepted.</summary>
    public int MaxStringLength { get; init; } = 64 * 1024 * 1024;

    /// <summary>Most values (dictionary keys included) in one input.</summary>
    public int MaxItems { get; init; } = 4_000_000;

    public static BencodeLimits Default { get; } = new();
}
