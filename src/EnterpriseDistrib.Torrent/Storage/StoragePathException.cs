namespace EnterpriseDistrib.Torrent.Storage;

/// <summary>A torrent's file would land outside its download folder (through <c>..</c>, a rooted path or a symbolic link).</summary>
public sealed class StoragePathException : IOException
{
    public StoragePathException(string message)
        : base(message)
    {
    }

    public StoragePathException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoragePathException()
        : base("A file would land outside the download folder.")
    {
    }
}
