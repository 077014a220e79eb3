using System.Security.Cryptography;
using EnterpriseDistrib.Torrent.Bencoding;

namespace EnterpriseDistrib.Torrent.Tests.Metainfo;

/// <summary>Builds .torrent bytes field by field, so tests can make exactly the valid or hostile torrent they need.</summary>
internal static class TestTorrents
{
    public const int PieceLength = 16 * 1024;

    public static BencodeList Path(params string[] components) => BencodeList.From(components.Select(component => BencodeString.From(component)));

    public static BencodeDictionary TorrentFile(long length, params string[] components) => BencodeDictionary.From(
    [
        KeyValuePair.Create<string, BencodeValue>("length", BencodeInteger.From(length)),
        KeyValuePair.Create<string, BencodeValue>("path", Path(components)),
    ]);

    /// <summary>Info fields of a multi-file torrent "pkg" with the given files and the right number of (fake) piece hashes.</summary>
    public static Dictionary<string, BencodeValue> MultiFileInfo(params BencodeDictionary[] files)
    {
        var total = files.Sum(file => file.GetInteger("length")!.Value);
        return new Dictionary<string, BencodeValue>
        {
            ["name"] = BencodeString.From("pkg"),
            ["piece length"] = BencodeInteger.From(PieceLength),
            ["pieces"] = BencodeString.From(FakePieces(total, PieceLength)),
            ["files"] = BencodeList.From(files),
        };
    }

    public static Dictionary<string, BencodeValue> SingleFileInfo(string name, long length) => new()
    {
        ["name"] = BencodeString.From(name),
        ["piece length"] = BencodeInteger.From(PieceLength),
        ["pieces"] = BencodeString.From(FakePieces(length, PieceLength)),
        ["length"] = BencodeInteger.From(length),
    };

    public static byte[] BuildTorrent(Dictionary<string, BencodeValue> info, Dictionary<string, BencodeValue>? outer = null)
    {
        var root = new Dictionary<string, BencodeValue>(outer ?? new Dictionary<string, BencodeValue> { ["announce"] = BencodeString.From("http://127.0.0.1:6969/announce") })
        {
            ["info"] = BencodeDictionary.From(info),
        };
        return BencodeEncoder.Encode(BencodeDictionary.From(root));
    }

    public static byte[] BuildTorrent(params BencodeDictionary[] files) => BuildTorrent(MultiFileInfo(files));

    public static byte[] FakePieces(long totalLength, int pieceLength)
    {
        var count = (int)((totalLength + pieceLength - 1) / pieceLength);
        return RandomNumberGenerator.GetBytes(count * 20);
    }
}
