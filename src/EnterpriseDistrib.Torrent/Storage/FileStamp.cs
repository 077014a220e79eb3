namespace EnterpriseDistrib.Torrent.Storage;

/// <summary>
/// What fast resume remembers of a file to notice that it changed while we were not looking: its size
/// and last-write time (UTC ticks). A missing file has length -1.
/// </summary>
public readonly record struct FileStamp(long Length, long LastWriteUtcTicks)
{
    public static FileStamp Missing { get; } = new(-1, 0);

    public static FileStamp Of(string fullPath)
    {
        var info = new FileInfo(fullPath);
        return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks) : Missing;
    }
}
