using System.Collections.Immutable;
using System.Text;
using EnterpriseDistrib.Torrent.Bencoding;

namespace EnterpriseDistrib.Torrent.Metainfo;

/// <summary>
/// Turns .torrent bytes into a <see cref="TorrentMetainfo"/>. Strict where safety or the info-hash is at
/// stake (bencode, piece geometry, file paths); lenient like common clients elsewhere (odd tracker
/// tiers, informational text).
/// </summary>
internal static class MetainfoReader
{
    private static readonly ImmutableHashSet<string> InterpretedKeys =
        ["announce", "announce-list", "url-list", "comment", "created by", "creation date", "info"];

    public static TorrentMetainfo Read(ReadOnlyMemory<byte> torrent)
    {
        try
        {
            return ReadCore(torrent);
        }
        catch (BencodeException error)
        {
            throw new InvalidTorrentException($"The torrent is malformed: {error.Message}", error);
        }
    }

    private static TorrentMetainfo ReadCore(ReadOnlyMemory<byte> torrent)
    {
        var root = BencodeDecoder.DecodeDictionary(torrent);
        var info = root.GetDictionary("info") ?? throw Invalid("it has no 'info' dictionary");
        var name = (info.GetString("name") ?? throw Invalid("'info' has no 'name'")).ToUtf8String();
        var pieceLength = info.GetInteger("piece length") ?? throw Invalid("'info' has no 'piece length'");
        if (!PieceLengthPolicy.IsValid(pieceLength))
        {
            throw Invalid($"the piece length {pieceLength} is not a power of two from {PieceLengthPolicy.MinPieceLength} to {PieceLengthPolicy.MaxPieceLength}");
        }

        var pieces = info.GetString("pieces") ?? throw Invalid("'info' has no 'pieces'");
        if (pieces.Bytes.Length % ContentLayout.PieceHashLength != 0)
        {
            throw Invalid($"'pieces' is {pieces.Bytes.Length} bytes, not a multiple of {ContentLayout.PieceHashLength}");
        }

        var files = ReadFiles(info, name);
        var totalLength = files[^1].End;
        var pieceCount = (totalLength + pieceLength - 1) / pieceLength;
        if (pieceCount != pieces.Bytes.Length / ContentLayout.PieceHashLength)
        {
            throw Invalid($"{totalLength} bytes in pieces of {pieceLength} make {pieceCount} pieces, but 'pieces' holds {pieces.Bytes.Length / ContentLayout.PieceHashLength} hashes");
        }

        return new TorrentMetainfo
        {
            Name = name,
            InfoHash = InfoHash.Compute(info.Raw.Span),
            Layout = new ContentLayout((int)pieceLength, files, pieces.Bytes),
            IsPrivate = info.GetInteger("private") is { } flag && flag != 0,
            Announce = OptionalText(root, "announce"),
            AnnounceList = ReadAnnounceList(root),
            WebSeeds = ReadWebSeeds(root),
            Comment = OptionalText(root, "comment"),
            CreatedBy = OptionalText(root, "created by"),
            CreationDate = ReadCreationDate(root),
            InfoBytes = info.Raw,
            Info = info,
            OtherFields = [.. root.Where(entry => !InterpretedKeys.Contains(entry.Key.ToString()))],
            TorrentBytes = torrent,
        };
    }

    private static ImmutableArray<FileEntry> ReadFiles(BencodeDictionary info, string name)
    {
        var length = info.GetInteger("length");
        var list = info.GetList("files");
        if (length is not null && list is not null)
        {
            throw Invalid("'info' has both 'length' and 'files'");
        }

        if (length is { } single)
        {
            if (single < 0)
            {
                throw Invalid($"the file '{TorrentPathPolicy.Describe([name])}' has the negative length {single}");
            }

            TorrentPathPolicy.EnsureSafe([name]);
            return [new FileEntry([name], single, 0)];
        }

        if (list is null)
        {
            throw Invalid("'info' has neither 'length' nor 'files'");
        }

        if (list.Count == 0)
        {
            throw Invalid("'files' is empty");
        }

        var entries = ImmutableArray.CreateBuilder<FileEntry>(list.Count);
        var conflicts = new PathConflictDetector();
        long offset = 0;
        for (var index = 0; index < list.Count; index++)
        {
            var file = list[index] as BencodeDictionary ?? throw Invalid($"file #{index} is not a dictionary");
            var path = ReadPath(file, name, index);
            var fileLength = file.GetInteger("length") ?? throw Invalid($"the file '{TorrentPathPolicy.Describe(path)}' has no 'length'");
            if (fileLength < 0)
            {
                throw Invalid($"the file '{TorrentPathPolicy.Describe(path)}' has the negative length {fileLength}");
            }

            if (fileLength > long.MaxValue - offset)
            {
                throw Invalid($"the file lengths add up to more than {long.MaxValue} bytes at '{TorrentPathPolicy.Describe(path)}'");
            }

            conflicts.Add(path);
            entries.Add(new FileEntry(path, fileLength, offset));
            offset += fileLength;
        }

        return entries.MoveToImmutable();
    }

    private static ImmutableArray<string> ReadPath(BencodeDictionary file, string name, int index)
    {
        // BEP 3: 'path' is a list of UTF-8 strings, the last being the file name. 'path.utf-8' is ignored.
        var components = file.GetList("path") ?? throw Invalid($"file #{index} has no 'path'");
        if (components.Count == 0)
        {
            throw Invalid($"file #{index} has an empty 'path'");
        }

        var path = ImmutableArray.CreateBuilder<string>(components.Count + 1);
        path.Add(name);
        foreach (var component in components)
        {
            var text = component as BencodeString ?? throw Invalid($"file #{index} has a path component that is not a string");
            path.Add(text.ToUtf8String());
        }

        var result = path.MoveToImmutable();
        TorrentPathPolicy.EnsureSafe(result);
        return result;
    }

    private static ImmutableArray<ImmutableArray<string>> ReadAnnounceList(BencodeDictionary root)
    {
        // BEP 12 as clients read it: tiers that are not lists, entries that are not strings and tiers
        // left empty are skipped rather than failing the torrent.
        if (!root.TryGetValue("announce-list", out var value) || value is not BencodeList tiers)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
        foreach (var tier in tiers.OfType<BencodeList>())
        {
            var urls = tier.OfType<BencodeString>().Select(Lenient).Where(url => url.Length > 0).ToImmutableArray();
            if (urls.Length > 0)
            {
                result.Add(urls);
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<string> ReadWebSeeds(BencodeDictionary root)
    {
        // BEP 19: 'url-list' is a single URL or a list of them.
        if (!root.TryGetValue("url-list", out var value))
        {
            return [];
        }

        IEnumerable<BencodeString> urls = value switch
        {
            BencodeString one => [one],
            BencodeList many => many.OfType<BencodeString>(),
            _ => [],
        };
        return [.. urls.Select(Lenient).Where(url => url.Length > 0)];
    }

    private static DateTimeOffset? ReadCreationDate(BencodeDictionary root)
    {
        if (!root.TryGetValue("creation date", out var value) || value is not BencodeInteger seconds)
        {
            return null;
        }

        var min = DateTimeOffset.MinValue.ToUnixTimeSeconds();
        var max = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
        return seconds.Value >= min && seconds.Value <= max ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value) : null;
    }

    private static string? OptionalText(BencodeDictionary root, string key) =>
        root.TryGetValue(key, out var value) && value is BencodeString text ? Lenient(text) : null;

    // Informational text is shown, never used as a path, so invalid UTF-8 is replaced instead of refused.
    private static string Lenient(BencodeString text) => Encoding.UTF8.GetString(text.Bytes.Span);

    private static InvalidTorrentException Invalid(string reason) => new($"The torrent is invalid: {reason}.");
}
