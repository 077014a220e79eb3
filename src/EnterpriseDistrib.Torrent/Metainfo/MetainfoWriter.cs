using System.Buffers;
using EnterpriseDistrib.Torrent.Bencoding;

namespace EnterpriseDistrib.Torrent.Metainfo;

/// <summary>Produces .torrent bytes: canonical bencode with the <c>info</c> dictionary's bytes kept exactly.</summary>
public static class MetainfoWriter
{
    /// <summary>
    /// Writes <paramref name="metainfo"/> as a .torrent. The info dictionary is copied byte for byte, so the
    /// info-hash never changes; the other fields come from the record, so <c>with</c> edits are written.
    /// </summary>
    public static byte[] Write(TorrentMetainfo metainfo)
    {
        ArgumentNullException.ThrowIfNull(metainfo);
        var entries = new List<KeyValuePair<BencodeString, BencodeValue>>(metainfo.OtherFields.IsDefault ? [] : metainfo.OtherFields)
        {
            Entry("info", metainfo.Info),
        };
        AddText(entries, "announce", metainfo.Announce);
        if (!metainfo.AnnounceList.IsDefaultOrEmpty)
        {
            entries.Add(Entry("announce-list", BencodeList.From(
                metainfo.AnnounceList.Select(tier => BencodeList.From(tier.Select(url => BencodeString.From(url)))))));
        }

        // BEP 19 allows a single string; mktorrent writes one URL that way, several as a list.
        if (!metainfo.WebSeeds.IsDefaultOrEmpty)
        {
            entries.Add(Entry("url-list", metainfo.WebSeeds.Length == 1
                ? BencodeString.From(metainfo.WebSeeds[0])
                : BencodeList.From(metainfo.WebSeeds.Select(url => BencodeString.From(url)))));
        }

        AddText(entries, "comment", metainfo.Comment);
        AddText(entries, "created by", metainfo.CreatedBy);
        if (metainfo.CreationDate is { } date)
        {
            entries.Add(Entry("creation date", BencodeInteger.From(date.ToUnixTimeSeconds())));
        }

        return BencodeEncoder.Encode(BencodeDictionary.From(entries));
    }

    /// <summary>
    /// Writes the canonical <c>info</c> dictionary of content laid out as <paramref name="layout"/>: <c>length</c>
    /// for a single file, <c>files</c> (paths without the name) otherwise, then <c>name</c>, <c>piece length</c>,
    /// <c>pieces</c> and, when private or when <paramref name="writePrivateWhenPublic"/> asks for
    /// transmission's <c>private 0</c>, <c>private</c>.
    /// </summary>
    public static byte[] WriteInfo(string name, ContentLayout layout, bool isPrivate, bool writePrivateWhenPublic = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(layout);
        if (layout.Files.IsDefaultOrEmpty)
        {
            throw new ArgumentException("The content has no files.", nameof(layout));
        }

        var buffer = new ArrayBufferWriter<byte>();
        var writer = new BencodeWriter(buffer);
        writer.WriteStartDictionary();
        var singleFile = layout.Files is [{ Path.Length: 1 }];
        if (singleFile)
        {
            writer.WriteKey("length");
            writer.WriteInteger(layout.TotalLength);
        }
        else
        {
            writer.WriteKey("files");
            writer.WriteStartList();
            foreach (var file in layout.Files)
            {
                if (file.Path.Length < 2)
                {
                    throw new ArgumentException($"The multi-file layout has the file '{file.RelativePath}' outside the torrent's folder.", nameof(layout));
                }

                writer.WriteStartDictionary();
                writer.WriteKey("length");
                writer.WriteInteger(file.Length);
                writer.WriteKey("path");
                writer.WriteStartList();
                for (var i = 1; i < file.Path.Length; i++)
                {
                    writer.WriteString(file.Path[i]);
                }

                writer.WriteEnd();
                writer.WriteEnd();
            }

            writer.WriteEnd();
        }

        writer.WriteKey("name");
        writer.WriteString(name);
        writer.WriteKey("piece length");
        writer.WriteInteger(layout.PieceLength);
        writer.WriteKey("pieces");
        writer.WriteString(layout.PieceHashes.Span);
        if (isPrivate || writePrivateWhenPublic)
        {
            writer.WriteKey("private");
            writer.WriteInteger(isPrivate ? 1 : 0);
        }

        writer.WriteEnd();
        return buffer.WrittenSpan.ToArray();
    }

    private static void AddText(List<KeyValuePair<BencodeString, BencodeValue>> entries, string key, string? text)
    {
        if (text is not null)
        {
            entries.Add(Entry(key, BencodeString.From(text)));
        }
    }

    private static KeyValuePair<BencodeString, BencodeValue> Entry(string key, BencodeValue value) =>
        KeyValuePair.Create(BencodeString.From(key), value);
}
