using System.Collections.Immutable;
using EnterpriseDistrib.Torrent.Bencoding;
using EnterpriseDistrib.Torrent.Hashing;

namespace EnterpriseDistrib.Torrent.Metainfo;

/// <summary>
/// Makes a v1 torrent of a file or folder. With the same piece length and private flag, the info
/// dictionary is byte-identical to what mktorrent or transmission-create (per <see cref="CreatorConvention"/>) writes.
/// </summary>
public static class TorrentCreator
{
    /// <summary>Walks, validates and hashes the content, and returns the parsed result of the written torrent.</summary>
    /// <param name="progress">Receives the number of content bytes hashed so far.</param>
    /// <exception cref="InvalidTorrentException">A file's path is not safe for endpoints, or two collide.</exception>
    public static async Task<TorrentMetainfo> CreateAsync(
        string path,
        TorrentCreateOptions options,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (options.PieceLength is { } given && !PieceLengthPolicy.IsValid(given))
        {
            throw new ArgumentException(
                $"The piece length {given} is not a power of two from {PieceLengthPolicy.MinPieceLength} to {PieceLengthPolicy.MaxPieceLength}.",
                nameof(options));
        }

        var (isSingleFile, scanned) = await Task.Run(
            () => ContentScanner.Scan(path, options.Convention, cancellationToken), cancellationToken).ConfigureAwait(false);
        var name = options.Name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)));
        var files = Place(name, isSingleFile, scanned);
        var totalLength = files.Length == 0 ? 0 : files[^1].End;
        if (totalLength == 0)
        {
            throw new ArgumentException($"'{path}' has no content to share: no files, or only empty or skipped ones.", nameof(path));
        }

        var pieceLength = options.PieceLength ?? PieceLengthPolicy.Choose(totalLength);
        var sources = scanned.Select(file => new SourceFile(file.FullPath, file.Length)).ToArray();
        var hashes = await new PieceHasher().HashAsync(sources, pieceLength, progress, cancellationToken).ConfigureAwait(false);

        var layout = new ContentLayout(pieceLength, files, hashes);
        var infoBytes = MetainfoWriter.WriteInfo(
            name, layout, options.IsPrivate, writePrivateWhenPublic: options.Convention == CreatorConvention.Transmission);
        var trackers = options.Trackers.Where(url => !string.IsNullOrEmpty(url)).ToImmutableArray();
        var draft = new TorrentMetainfo
        {
            Name = name,
            InfoHash = InfoHash.Compute(infoBytes),
            Layout = layout,
            IsPrivate = options.IsPrivate,
            Announce = trackers.IsEmpty ? null : trackers[0],

            // Like both reference tools: an announce-list only with several trackers, each its own tier.
            AnnounceList = trackers.Length > 1 ? [.. trackers.Select(url => ImmutableArray.Create(url))] : [],
            WebSeeds = [.. options.WebSeeds.Where(url => !string.IsNullOrEmpty(url))],
            Comment = options.Comment,
            CreatedBy = options.CreatedBy,
            CreationDate = options.CreationDate,
            InfoBytes = infoBytes,
            Info = BencodeDecoder.DecodeDictionary(infoBytes),
        };

        return TorrentMetainfo.Parse(MetainfoWriter.Write(draft));
    }

    /// <summary>Turns scanned files into torrent entries, checking every path before any byte is hashed.</summary>
    private static ImmutableArray<FileEntry> Place(string name, bool isSingleFile, List<ContentScanner.ScannedFile> scanned)
    {
        var entries = ImmutableArray.CreateBuilder<FileEntry>(scanned.Count);
        var conflicts = new PathConflictDetector();
        long offset = 0;
        foreach (var file in scanned)
        {
            ImmutableArray<string> torrentPath = isSingleFile ? [name] : file.RelativePath.Insert(0, name);
            TorrentPathPolicy.EnsureSafe(torrentPath);
            conflicts.Add(torrentPath);
            entries.Add(new FileEntry(torrentPath, file.Length, offset));
            offset += file.Length;
        }

        return entries.MoveToImmutable();
    }
}
