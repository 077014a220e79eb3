using EnterpriseDistrib.Torrent.Bencoding;
using EnterpriseDistrib.Torrent.Metainfo;
using static EnterpriseDistrib.Torrent.Tests.Metainfo.TestTorrents;

namespace EnterpriseDistrib.Torrent.Tests.Metainfo;

/// <summary>Torrents whose file paths attack the endpoint are refused by <see cref="TorrentMetainfo.Parse"/>, naming the file.</summary>
public sealed class TorrentPathAttackTests
{
    public static TheoryData<string[]> AttackPaths => new()
    {
        new[] { ".." , "etc", "passwd" },
        new[] { "sub", "..", "..", "escape" },
        new[] { "." , "x" },
        new[] { "/etc/passwd" },
        new[] { "C:", "Windows", "x" },
        new[] { "C:\\Windows\\x" },
        new[] { "a/b" },
        new[] { "a\\b" },
        new[] { "" },
        new[] { "sub", "", "x" },
        new[] { "nul\0byte" },
        new[] { "CON" },
        new[] { "con.txt" },
        new[] { "Nul.tar.gz" },
        new[] { "sub", "aux" },
        new[] { "PRN" },
        new[] { "COM1" },
        new[] { "com9.log" },
        new[] { "LPT1" },
        new[] { "lpt5.dat" },
        new[] { "COM¹" },
        new[] { "CON .txt" },
        new[] { "a<b" },
        new[] { "a>b" },
        new[] { "a:b" },
        new[] { "a\"b" },
        new[] { "a|b" },
        new[] { "a?b" },
        new[] { "a*b" },
        new[] { "tab\there" },
        new[] { "bell\u0007" },
        new[] { "new\nline" },
        new[] { "trailing." },
        new[] { "trailing " },
        new[] { new string('x', 256) },
        new[] { new string('é', 128) },
    };

    [Theory]
    [MemberData(nameof(AttackPaths))]
    public void Unsafe_paths_are_refused_naming_the_file(string[] path)
    {
        var torrent = BuildTorrent(TorrentFile(10, "fine.bin"), TorrentFile(10, path));
        var error = Assert.Throws<InvalidTorrentException>(() => TorrentMetainfo.Parse(torrent));
        Assert.Contains("'pkg/", error.Message, StringComparison.Ordinal);
        Assert.Contains("unsafe path", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AttackPaths))]
    public void Unsafe_single_file_names_are_refused(string[] path)
    {
        var torrent = BuildTorrent(SingleFileInfo(string.Join("/", path), 10));
        Assert.Throws<InvalidTorrentException>(() => TorrentMetainfo.Parse(torrent));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("CON")]
    [InlineData("")]
    public void An_unsafe_torrent_name_fails_a_multi_file_torrent(string name)
    {
        var info = MultiFileInfo(TorrentFile(10, "a"));
        info["name"] = BencodeString.From(name);
        Assert.Throws<InvalidTorrentException>(() => TorrentMetainfo.Parse(BuildTorrent(info)));
    }

    [Fact]
    public void An_over_long_total_path_is_refused()
    {
        var components = Enumerable.Range(0, 10).Select(i => new string((char)('a' + i), 200)).ToArray();
        var error = Assert.Throws<InvalidTorrentException>(() => TorrentMetainfo.Parse(BuildTorrent(TorrentFile(1, components))));
        Assert.Contains($"longer than {TorrentPathPolicy.MaxPathBytes} bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_are_escaped_in_the_message()
    {
        var error = Assert.Throws<InvalidTorrentException>(() => TorrentMetainfo.Parse(BuildTorrent(TorrentFile(1, "new\nline"))));
        Assert.Contains("new\\u000aline", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "Readme.txt" }, new[] { "README.TXT" })]
    [InlineData(new[] { "a", "b" }, new[] { "A", "b" })]
    [InlineData(new[] { "a" }, new[] { "a" })]
    [InlineData(new[] { "a" }, new[] { "a", "b" })]
    [InlineData(new[] { "A", "b" }, new[] { "a" })]
    public void Colliding_paths_are_refused_ignoring_case(string[] first, string[] second)
    {
        var error = Assert.Throws<InvalidTorrentException>(() => TorrentMetainfo.Parse(BuildTorrent(TorrentFile(1, first), TorrentFile(1, second))));
        Assert.Contains("pkg/", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CONSOLE")]
    [InlineData("COM10")]
    [InlineData("LPT")]
    [InlineData("nul_")]
    [InlineData(".hidden")]
    [InlineData("a.b.c")]
    [InlineData(" leading space")]
    [InlineData("grüße 文件 😀")]
    [InlineData("..dots")]
    public void Unusual_but_safe_names_are_accepted(string name)
    {
        var metainfo = TorrentMetainfo.Parse(BuildTorrent(TorrentFile(1, "sub", name)));
        Assert.Equal(name, metainfo.Layout.Files[0].Path[^1]);
    }

    [Fact]
    public void A_component_of_exactly_255_bytes_is_accepted()
    {
        var name = new string('x', 253) + "é";
        Assert.Null(TorrentPathPolicy.CheckComponent(name));
        Assert.NotNull(TorrentPathPolicy.CheckComponent(name + "x"));
    }
}
