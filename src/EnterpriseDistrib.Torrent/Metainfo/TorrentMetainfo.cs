using System.Collections.Immutable;
using EnterpriseDistrib.Torrent.Bencoding;

namespace EnterpriseDistrib.Torrent.Metainfo;

/// <summary>A validated v1 .torrent (BEP 3, 12, 19, 27): what to download, how to check it, and where to announce.</summary>
public sealed record TorrentMetainfo
{
    /// <summary>Largest .torrent file <see cref="Load"/> reads; a 100 GB package at 16 KiB pieces needs ~125 MB of hashes, ours far less.</summary>
    public const int MaxTorrentFileLength = 64 * 1024 * 1024;

    /// <summary>The suggested name: the single file's name, or the top folder of a multi-file torrent.</summary>
    public required string Name { get; init; }

    /// <summary>SHA-1 of <see cref="InfoBytes"/>.</summary>
    public required InfoHash InfoHash { get; init; }

    public required ContentLayout Layout { get; init; }

    /// <summary>BEP 27: peers come from the trackers only.</summary>
    public bool IsPrivate { get; init; }

    public string? Announce { get; init; }

    /// <summary>BEP 12 tiers of tracker URLs; empty when the torrent has no <c>announce-list</c>.</summary>
    public ImmutableArray<ImmutableArray<string>> AnnounceList { get; init; } = [];

    /// <summary>BEP 19 web seed URLs (<c>url-list</c>).</summary>
    public ImmutableArray<string> WebSeeds { get; init; } = [];

    public string? Comment { get; init; }

    public string? CreatedBy { get; init; }

    public DateTimeOffset? CreationDate { get; init; }

    /// <summary>The exact bytes of the <c>info</c> dictionary as they appear in the file, unknown keys included.</summary>
    public required ReadOnlyMemory<byte> InfoBytes { get; init; }

    /// <summary>The decoded <c>info</c> dictionary, for keys this type does not interpret.</summary>
    public required BencodeDictionary Info { get; init; }

    /// <summary>Top-level keys this type does not interpret (such as <c>encoding</c>), kept so that writing the torrent back loses nothing.</summary>
    public ImmutableArray<KeyValuePair<BencodeString, BencodeValue>> OtherFields { get; init; } = [];

    /// <summary>The whole .torrent as it was parsed or written.</summary>
    public ReadOnlyMemory<byte> TorrentBytes { get; init; }

    /// <summary>True when the torrent has a <c>files</c> list rather than a single <c>length</c>.</summary>
    public bool IsMultiFile => Layout.Files.Length != 1 || Layout.Files[0].Path.Length != 1;

    /// <summary>Every tracker URL, <c>announce-list</c> tiers first (BEP 12 says to ignore <c>announce</c> when they exist).</summary>
    public IEnumerable<string> Trackers => AnnounceList.IsDefaultOrEmpty
        ? (Announce is null ? [] : [Announce])
        : AnnounceList.SelectMany(tier => tier);

    /// <summary>Parses and validates a .torrent; throws <see cref="InvalidTorrentException"/> saying what is wrong.</summary>
    public static TorrentMetainfo Parse(ReadOnlyMemory<byte> torrent) => MetainfoReader.Read(torrent);

    /// <summary>Reads and parses a .torrent file; throws <see cref="InvalidTorrentException"/> for bad content.</summary>
    public static TorrentMetainfo Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.OpenHandle(path);
        var length = RandomAccess.GetLength(file);
        if (length > MaxTorrentFileLength)
        {
            throw new InvalidTorrentException($"'{path}' is {length} bytes; a .torrent may be at most {MaxTorrentFileLength} bytes.");
        }

        var bytes = new byte[length];
        var read = 0;
        while (read < bytes.Length)
        {
            var count = RandomAccess.Read(file, bytes.AsSpan(read), read);
            if (count == 0)
            {
                throw new InvalidTorrentException($"'{path}' became shorter while it was read.");
            }

            read += count;
        }

        return Parse(bytes);
    }

    /// <summary>Reads and parses a .torrent file without blocking a thread on the disk.</summary>
    public static async Task<TorrentMetainfo> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxTorrentFileLength)
        {
            throw new InvalidTorrentException($"'{path}' is {info.Length} bytes; a .torrent may be at most {MaxTorrentFileLength} bytes.");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(bytes);
    }
}
