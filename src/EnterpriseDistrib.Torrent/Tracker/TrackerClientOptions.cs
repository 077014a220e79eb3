namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>Limits for one HTTP tracker exchange.</summary>
public sealed record TrackerClientOptions
{
    public static TrackerClientOptions Default { get; } = new();

    /// <summary>Answers larger than this are refused (a 50-peer compact answer is about 400 bytes).</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>Bounds the whole exchange, connection included.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
