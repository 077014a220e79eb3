using System.Text;
using EnterpriseDistrib.Torrent.Bencoding;
using EnterpriseDistrib.Torrent.Metainfo;
using static EnterpriseDistrib.Torrent.Tests.Metainfo.TestTorrents;

namespace EnterpriseDistrib.Torrent.Tests.Metainfo;

public sealed class MetainfoWriterTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Mktorrent_output_round_trips_to_identical_bytes()
    {
        _temp.WriteFile("pkg/a.bin", 70_000, seed: 1);
        _temp.WriteFile("pkg/sub/b.bin", 9_000, seed: 2);
        var original = await ReferenceTools.MktorrentAsync(
            _temp.Combine("pkg"), _temp.Combine("m.torrent"), 32 * 1024, true, "http://127.0.0.1:1/a",
            "-a", "http://127.0.0.2:1/a", "-w", "http://127.0.0.1:2/s1", "-w", "http://127.0.0.1:2/s2", "-c", "round trip");

        Assert.Equal(original, MetainfoWriter.Write(TorrentMetainfo.Parse(original)));
    }

    [Fact]
    public async Task Transmission_output_round_trips_to_identical_bytes_keeping_its_encoding_key()
    {
        _temp.WriteFile("pkg/a.bin", 70_000, seed: 1);
        var original = await ReferenceTools.TransmissionCreateAsync(_temp.Combine("pkg"), _temp.Combine("t.torrent"), 16 * 1024, false, "http://127.0.0.1:1/a");

        var written = MetainfoWriter.Write(TorrentMetainfo.Parse(original));

        Assert.Equal(original, written);
        Assert.Contains("8:encoding5:UTF-8", Encoding.ASCII.GetString(written), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_info_keys_survive_a_round_trip_and_keep_the_info_hash()
    {
        var info = SingleFileInfo("tool.exe", 1000);
        info["source"] = BencodeString.From("private-tracker");
        var original = BuildTorrent(info);
        var metainfo = TorrentMetainfo.Parse(original);

        var written = MetainfoWriter.Write(metainfo);

        Assert.Equal(original, written);
        Assert.Equal(metainfo.InfoHash, TorrentMetainfo.Parse(written).InfoHash);
    }

    [Fact]
    public void Edited_outer_fields_are_written_and_the_info_hash_stays()
    {
        var metainfo = TorrentMetainfo.Parse(BuildTorrent(TorrentFile(100, "a")));
        var edited = metainfo with
        {
            Comment = "edited",
            Announce = "http://127.0.0.9/announce",
            AnnounceList = [["http://127.0.0.9/announce"], ["http://127.0.0.10/announce"]],
            WebSeeds = ["http://127.0.0.1/x/"],
            CreationDate = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000),
        };

        var reparsed = TorrentMetainfo.Parse(MetainfoWriter.Write(edited));

        Assert.Equal("edited", reparsed.Comment);
        Assert.Equal(edited.Trackers, reparsed.Trackers);
        Assert.Equal(["http://127.0.0.1/x/"], reparsed.WebSeeds.AsEnumerable());
        Assert.Equal(edited.CreationDate, reparsed.CreationDate);
        Assert.Equal(metainfo.InfoHash, reparsed.InfoHash);
    }

    [Fact]
    public void Write_info_produces_the_canonical_multi_file_dictionary()
    {
        var metainfo = TorrentMetainfo.Parse(BuildTorrent(TorrentFile(100, "a"), TorrentFile(0, "d", "e")));
        var info = MetainfoWriter.WriteInfo(metainfo.Name, metainfo.Layout, isPrivate: true);

        var expectedStart = "d5:filesld6:lengthi100e4:pathl1:aeed6:lengthi0e4:pathl1:d1:eeee4:name3:pkg12:piece lengthi16384e6:pieces20:";
        Assert.StartsWith(expectedStart, Encoding.Latin1.GetString(info), StringComparison.Ordinal);
        Assert.EndsWith("7:privatei1ee", Encoding.Latin1.GetString(info), StringComparison.Ordinal);
        Assert.Equal(metainfo.InfoBytes.ToArray(), MetainfoWriter.WriteInfo(metainfo.Name, metainfo.Layout, isPrivate: false));
    }

    [Fact]
    public void Write_info_can_write_private_zero_like_transmission()
    {
        var metainfo = TorrentMetainfo.Parse(BuildTorrent(SingleFileInfo("a", 10)));
        var info = Encoding.Latin1.GetString(MetainfoWriter.WriteInfo(metainfo.Name, metainfo.Layout, isPrivate: false, writePrivateWhenPublic: true));
        Assert.StartsWith("d6:lengthi10e4:name1:a", info, StringComparison.Ordinal);
        Assert.EndsWith("7:privatei0ee", info, StringComparison.Ordinal);
    }
}
