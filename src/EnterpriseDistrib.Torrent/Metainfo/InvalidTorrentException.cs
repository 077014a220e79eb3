namespace EnterpriseDistrib.Torrent.Metainfo;

/// <summary>A .torrent that cannot be used: malformed bencode, a missing or wrong field, or an unsafe file path.</summary>
public sealed class InvalidTorrentException : FormatException
{
    public InvalidTorrentException()
        : base("The torrent is invalid.")
    {
    }

    public InvalidTorrentException(string message)
        : base(message)
    {
    }

    public InvalidTorrentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
