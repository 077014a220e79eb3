namespace EnterpriseDistrib.Torrent.Metainfo;

/// <summary>
/// Which reference tool's choices <see cref="TorrentCreator"/> follows, so that the same content with the
/// same piece length and private flag gets the same info-hash as that tool gives it.
/// </summary>
public enum CreatorConvention
{
    /// <summary>
    /// As mktorrent 1.1: every regular file, hidden and empty ones included, ordered by byte-wise
    /// comparison of the '/'-joined relative path; <c>private</c> written only when set.
    /// </summary>
    Mktorrent,

    /// <summary>
    /// As transmission-create 3.00: skips names starting with '.' and empty files, orders by
    /// <c>evutil_ascii_strcasecmp</c> of the path (A-Z folded, bytes compared as signed chars), and
    /// always writes <c>private</c> (0 or 1).
    /// </summary>
    Transmission,
}
