using System.Security.Cryptography;
using System.Text;
using EnterpriseDistrib.Torrent.Bencoding;
using EnterpriseDistrib.Torrent.Metainfo;
using static EnterpriseDistrib.Torrent.Tests.Metainfo.TestTorrents;

namespace EnterpriseDistrib.Torrent.Tests.Metainfo;

public sealed class TorrentMetainfoTests
{
    private static InvalidTorrentException Fails(byte[] torrent) =>
        Assert.Throws<InvalidTorrentException>(() => TorrentMetainfo.Parse(torrent));

    [Fact]
    public void A_multi_file_torrent_is_laid_out_in_order_with_offsets()
    {
        var torrent = BuildTorrent(TorrentFile(20_000, "a.bin"), TorrentFile(0, "empty"), TorrentFile(30_000, "sub", "b.bin"));
        var metainfo = TorrentMetainfo.Parse(torrent);

        Assert.Equal("pkg", metainfo.Name);
        Assert.True(metainfo.IsMultiFile);
        Assert.Equal(["pkg/a.bin", "pkg/empty", "pkg/sub/b.bin"], metainfo.Layout.Files.Select(file => string.Join('/', file.Path)));
        Assert.Equal([0L, 20_000L, 20_000L], metainfo.Layout.Files.Select(file => file.Offset));
        Assert.Equal(50_000, metainfo.Layout.TotalLength);
        Assert.Equal(4, metainfo.Layout.PieceCount);
        Assert.Equal("http://127.0.0.1:6969/announce", metainfo.Announce);
    }

    [Fact]
    public void The_info_hash_is_sha1_of_the_info_bytes_as_they_appear_unknown_keys_included()
    {
        var info = SingleFileInfo("tool.exe", 40_000);
        info["x-vendor"] = BencodeList.From([BencodeString.From("kept")]);
        info["name.utf-8"] = BencodeString.From("ignored");
        var torrent = BuildTorrent(info);
        var metainfo = TorrentMetainfo.Parse(torrent);

        var start = Encoding.ASCII.GetString(torrent).IndexOf("4:infod", StringComparison.Ordinal) + 6;
        var infoBytes = torrent.AsSpan(start, metainfo.InfoBytes.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(infoBytes)), metainfo.InfoHash.ToHex());
        Assert.Equal(infoBytes.ToArray(), metainfo.InfoBytes.ToArray());
        Assert.Equal("kept", ((BencodeList)metainfo.Info.GetList("x-vendor")!)[0].ToString());
        Assert.False(metainfo.IsMultiFile);
        Assert.Equal(["tool.exe"], metainfo.Layout.Files[0].Path.AsEnumerable());
    }

    [Fact]
    public void Outer_fields_are_read_per_bep_12_19_27()
    {
        var info = SingleFileInfo("tool.exe", 1000);
        info["private"] = BencodeInteger.From(1);
        var torrent = BuildTorrent(info, new Dictionary<string, BencodeValue>
        {
            ["announce"] = BencodeString.From("http://a/announce"),
            ["announce-list"] = BencodeList.From(
            [
                BencodeList.From([BencodeString.From("http://a/announce"), BencodeString.From("http://b/announce")]),
                BencodeList.From([]),
                BencodeInteger.From(5),
                BencodeList.From([BencodeString.From("http://c/announce"), BencodeInteger.From(1)]),
            ]),
            ["url-list"] = BencodeString.From("http://127.0.0.1/seed/"),
            ["comment"] = BencodeString.From("hello"),
            ["created by"] = BencodeString.From("mktorrent 1.1"),
            ["creation date"] = BencodeInteger.From(1_700_000_000),
            ["encoding"] = BencodeString.From("UTF-8"),
        });

        var metainfo = TorrentMetainfo.Parse(torrent);

        Assert.True(metainfo.IsPrivate);
        Assert.Equal([["http://a/announce", "http://b/announce"], ["http://c/announce"]], metainfo.AnnounceList.Select(tier => tier.ToArray()));
        Assert.Equal(["http://a/announce", "http://b/announce", "http://c/announce"], metainfo.Trackers);
        Assert.Equal(["http://127.0.0.1/seed/"], metainfo.WebSeeds.AsEnumerable());
        Assert.Equal("hello", metainfo.Comment);
        Assert.Equal("mktorrent 1.1", metainfo.CreatedBy);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), metainfo.CreationDate);
        Assert.Equal("encoding", Assert.Single(metainfo.OtherFields).Key.ToString());
    }

    [Fact]
    public void Url_list_may_be_a_list_and_private_zero_is_public()
    {
        var info = SingleFileInfo("tool.exe", 1000);
        info["private"] = BencodeInteger.From(0);
        var torrent = BuildTorrent(info, new Dictionary<string, BencodeValue>
        {
            ["url-list"] = BencodeList.From([BencodeString.From("http://x/1"), BencodeString.From("http://x/2")]),
            ["creation date"] = BencodeInteger.From(long.MaxValue),
        });

        var metainfo = TorrentMetainfo.Parse(torrent);

        Assert.False(metainfo.IsPrivate);
        Assert.Equal(["http://x/1", "http://x/2"], metainfo.WebSeeds.AsEnumerable());
        Assert.Null(metainfo.Announce);
        Assert.Empty(metainfo.Trackers);
        Assert.Null(metainfo.CreationDate);
    }

    [Theory]
    [InlineData("piece length", 0L)]
    [InlineData("piece length", -16384L)]
    [InlineData("piece length", 3 * 16384L)]
    [InlineData("piece length", 8192L)]
    [InlineData("piece length", 1L << 40)]
    public void Piece_lengths_outside_policy_are_rejected(string key, long value)
    {
        var info = SingleFileInfo("a", 1000);
        info[key] = BencodeInteger.From(value);
        Assert.Contains("piece length", Fails(BuildTorrent(info)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pieces_must_be_a_multiple_of_20_bytes()
    {
        var info = SingleFileInfo("a", 1000);
        info["pieces"] = BencodeString.From(new byte[21]);
        Assert.Contains("multiple of 20", Fails(BuildTorrent(info)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Pieces_must_match_the_total_length(int hashes)
    {
        var info = SingleFileInfo("a", 1000);
        info["pieces"] = BencodeString.From(new byte[hashes * 20]);
        Assert.Contains("make 1 pieces", Fails(BuildTorrent(info)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_file_lengths_are_rejected_naming_the_file()
    {
        var info = MultiFileInfo(TorrentFile(10, "a"));
        info["files"] = BencodeList.From([TorrentFile(10, "a"), TorrentFile(-1, "b")]);
        Assert.Contains("'pkg/b'", Fails(BuildTorrent(info)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_lengths_that_overflow_a_64_bit_total_are_rejected()
    {
        var info = MultiFileInfo(TorrentFile(10, "a"));
        info["files"] = BencodeList.From([TorrentFile(long.MaxValue, "a"), TorrentFile(long.MaxValue, "b")]);
        Assert.Contains("add up to more than", Fails(BuildTorrent(info)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_length_and_files_or_neither_are_rejected()
    {
        var both = MultiFileInfo(TorrentFile(10, "a"));
        both["length"] = BencodeInteger.From(10);
        Assert.Contains("both", Fails(BuildTorrent(both)).Message, StringComparison.Ordinal);

        var neither = MultiFileInfo(TorrentFile(10, "a"));
        neither.Remove("files");
        Assert.Contains("neither", Fails(BuildTorrent(neither)).Message, StringComparison.Ordinal);

        var empty = MultiFileInfo(TorrentFile(10, "a"));
        empty["files"] = BencodeList.From([]);
        Assert.Contains("'files' is empty", Fails(BuildTorrent(empty)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("piece length")]
    [InlineData("pieces")]
    public void Missing_required_fields_are_named(string key)
    {
        var info = SingleFileInfo("a", 1000);
        info.Remove(key);
        Assert.Contains($"'{key}'", Fails(BuildTorrent(info)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_of_the_wrong_type_is_an_invalid_torrent()
    {
        var info = SingleFileInfo("a", 1000);
        info["name"] = BencodeInteger.From(5);
        var error = Fails(BuildTorrent(info));
        Assert.IsType<BencodeException>(error.InnerException);
        Assert.Contains("'name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_info_dictionary_is_rejected()
    {
        var torrent = BencodeEncoder.Encode(BencodeDictionary.From([KeyValuePair.Create<string, BencodeValue>("announce", BencodeString.From("x"))]));
        Assert.Contains("'info'", Fails(torrent).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("d4:infod")]
    [InlineData("")]
    [InlineData("le")]
    [InlineData("d4:infoi-0ee")]
    [InlineData("d4:infodee ")]
    public void Malformed_bencode_is_an_invalid_torrent_carrying_the_offset(string text)
    {
        var error = Fails(Encoding.ASCII.GetBytes(text));
        Assert.Contains("byte ", error.Message, StringComparison.Ordinal);
        Assert.IsType<BencodeException>(error.InnerException);
    }

    [Fact]
    public void Invalid_utf8_in_a_path_is_rejected()
    {
        var bad = BencodeDictionary.From(
        [
            KeyValuePair.Create<string, BencodeValue>("length", BencodeInteger.From(1)),
            KeyValuePair.Create<string, BencodeValue>("path", BencodeList.From([BencodeString.From(new byte[] { 0x61, 0xff })])),
        ]);
        var error = Fails(BuildTorrent(bad));
        Assert.Equal(BencodeRules.InvalidUtf8, Assert.IsType<BencodeException>(error.InnerException).Rule);
    }

    [Fact]
    public void Load_reads_a_file_from_disk()
    {
        var path = System.IO.Path.GetTempFileName();
        try
        {
            var torrent = BuildTorrent(TorrentFile(100, "a"));
            System.IO.File.WriteAllBytes(path, torrent);
            Assert.Equal(TorrentMetainfo.Parse(torrent).InfoHash, TorrentMetainfo.Load(path).InfoHash);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
