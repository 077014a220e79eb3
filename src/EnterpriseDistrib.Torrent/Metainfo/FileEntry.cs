using System.Collections.Immutable;

namespace EnterpriseDistrib.Torrent.Metainfo;

/// <summary>
/// One file of a torrent's content, placed in the concatenated byte stream that pieces are cut from.
/// </summary>
/// <param name="Path">
/// Validated path components relative to the download folder, the torrent's name first for multi-file
/// torrents (<c>name/dir/file</c>) and the name alone for single-file torrents.
/// </param>
/// <param name="Length">Length in bytes; zero-length files are allowed.</param>
/// <param name="Offset">Offset of the file's first byte in the concatenated content.</param>
public sealed record FileEntry(ImmutableArray<string> Path, long Length, long Offset)
{
    public long End => Offset + Length;

    /// <summary>The path joined with the platform's separator, relative to the download folder.</summary>
    public string RelativePath => System.IO.Path.Combine([.. Path]);
}
