using EnterpriseDistrib.Torrent.Bencoding;
using EnterpriseDistrib.Torrent.Metainfo;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static EnterpriseDistrib.Torrent.Tests.Metainfo.TestTorrents;

namespace EnterpriseDistrib.Torrent.Tests.Metainfo;

public sealed class MetainfoPropertyTests
{
    private static readonly byte[] Valid = MakeValid();

    private static byte[] MakeValid()
    {
        var info = MultiFileInfo(TorrentFile(20_000, "a.bin"), TorrentFile(0, "empty"), TorrentFile(30_000, "sub", "b.bin"));
        info["private"] = BencodeInteger.From(1);
        return BuildTorrent(info, new Dictionary<string, BencodeValue>
        {
            ["announce"] = BencodeString.From("http://127.0.0.1:6969/announce"),
            ["announce-list"] = BencodeList.From([BencodeList.From([BencodeString.From("http://127.0.0.1:6969/announce")])]),
            ["url-list"] = BencodeString.From("http://127.0.0.1/seed/"),
            ["creation date"] = BencodeInteger.From(1_700_000_000),
            ["comment"] = BencodeString.From("c"),
        });
    }

    private static bool ParsesOrFailsTyped(byte[] torrent)
    {
        try
        {
            var metainfo = TorrentMetainfo.Parse(torrent);

            // What parses must be self-consistent: writable, and the same torrent when read back.
            return TorrentMetainfo.Parse(MetainfoWriter.Write(metainfo)).InfoHash == metainfo.InfoHash;
        }
        catch (InvalidTorrentException)
        {
            return true;
        }
    }

    [Property(MaxTest = 2000)]
    public Property Random_byte_mutations_of_a_valid_torrent_only_ever_give_invalid_torrent_exceptions() =>
        Prop.ForAll(
            Arb.From(Gen.Zip(Gen.Choose(0, Valid.Length - 1), Gen.Choose(0, 255)).ArrayOf().Select(changes => changes.Take(4).ToArray())),
            changes =>
            {
                var torrent = (byte[])Valid.Clone();
                foreach (var (where, value) in changes)
                {
                    torrent[where] = (byte)value;
                }

                return ParsesOrFailsTyped(torrent);
            });

    [Property(MaxTest = 500)]
    public Property Random_insertions_and_deletions_only_ever_give_invalid_torrent_exceptions() =>
        Prop.ForAll(
            Arb.From(Gen.Choose(0, Valid.Length - 1)),
            Arb.From(Gen.Choose(0, 8)),
            Arb.From(Gen.Elements("0123456789:deil-".Select(character => (byte)character).ToArray())),
            (where, deleted, inserted) =>
            {
                var torrent = new List<byte>(Valid);
                torrent.RemoveRange(where, Math.Min(deleted, torrent.Count - where));
                torrent.Insert(where, inserted);
                return ParsesOrFailsTyped([.. torrent]);
            });

    [Property(MaxTest = 300)]
    public Property Every_truncation_is_an_invalid_torrent() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, Valid.Length - 1)), length =>
        {
            try
            {
                TorrentMetainfo.Parse(Valid.AsMemory(0, length));
                return false;
            }
            catch (InvalidTorrentException)
            {
                return true;
            }
        });

    [Fact]
    public void The_unmutated_torrent_is_valid()
    {
        var metainfo = TorrentMetainfo.Parse(Valid);
        Assert.True(metainfo.IsPrivate);
        Assert.Equal(3, metainfo.Layout.Files.Length);
    }
}
