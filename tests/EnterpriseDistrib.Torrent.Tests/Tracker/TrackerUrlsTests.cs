using System.Text;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Tracker;

namespace EnterpriseDistrib.Torrent.Tests.Tracker;

public sealed class TrackerUrlsTests
{
    private static readonly byte[] PeerId = "-ED0001-abcdefghijkl"u8.ToArray();

    [Fact]
    public void Every_byte_that_is_not_unreserved_is_percent_encoded()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var encoded = new StringBuilder();

        TrackerUrls.PercentEncode(all, encoded);

        var expected = new StringBuilder();
        foreach (var b in all)
        {
            var c = (char)b;
            expected.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' ? c.ToString() : $"%{b:X2}");
        }

        Assert.Equal(expected.ToString(), encoded.ToString());
    }

    [Fact]
    public void The_announce_query_carries_every_parameter_of_BEP_3_and_BEP_23()
    {
        var hash = InfoHash.ParseHex("00ff2041a5e27e7f3f2d0a0d7e2b00ffe0c02f26");
        var request = new AnnounceRequest(hash, PeerId, 6881)
        {
            Uploaded = 10,
            Downloaded = 20,
            Left = 30,
            Event = AnnounceEvent.Started,
            NumWant = 80,
            Key = 0xDEADBEEF,
        };

        var uri = TrackerUrls.BuildAnnounceUri(new Uri("http://127.0.0.1:6969/announce"), request);

        Assert.Equal(
            "?info_hash=%00%FF%20A%A5%E2~%7F%3F-%0A%0D~%2B%00%FF%E0%C0%2F%26&peer_id=-ED0001-abcdefghijkl&port=6881"
            + "&uploaded=10&downloaded=20&left=30&compact=1&no_peer_id=1&key=DEADBEEF&numwant=80&event=started",
            uri.Query);
        Assert.Equal("/announce", uri.AbsolutePath);
    }

    [Fact]
    public void A_passkey_query_already_in_the_announce_url_is_kept()
    {
        var request = new AnnounceRequest(InfoHash.ParseHex(new string('a', 40)), PeerId, 1);

        var uri = TrackerUrls.BuildAnnounceUri(new Uri("http://tracker.example/announce?passkey=s3cret"), request);

        Assert.StartsWith("?passkey=s3cret&info_hash=", uri.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("event=", uri.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://host/announce", "http://host/scrape")]
    [InlineData("http://host/x/announce", "http://host/x/scrape")]
    [InlineData("http://host/announce.php", "http://host/scrape.php")]
    [InlineData("http://host/announce?x2%0644", "http://host/scrape?x2%0644")]
    [InlineData("http://host/announce/0123abcd", "http://host/scrape/0123abcd")]
    [InlineData("http://host:8080/tr/announce/0123abcd?site=7", "http://host:8080/tr/scrape/0123abcd?site=7")]
    public void The_scrape_url_follows_the_BEP_48_convention(string announce, string scrape)
    {
        Assert.True(TrackerUrls.TryGetScrapeUri(new Uri(announce), out var derived));
        Assert.Equal(scrape, derived!.OriginalString.TrimEnd('/'));
    }

    [Theory]
    [InlineData("http://host/a")]
    [InlineData("http://host/announce/x/y")]
    [InlineData("http://host/myannounce")]
    [InlineData("http://host/")]
    public void A_url_without_an_announce_segment_has_no_scrape_url(string announce)
    {
        Assert.False(TrackerUrls.TryGetScrapeUri(new Uri(announce), out _));
    }

    [Fact]
    public void A_scrape_url_carries_one_info_hash_per_torrent()
    {
        var uri = TrackerUrls.BuildScrapeUri(
            new Uri("http://host/scrape"),
            [InfoHash.ParseHex(new string('0', 40)), InfoHash.ParseHex(new string('f', 40))]);

        Assert.Equal("?info_hash=" + string.Concat(Enumerable.Repeat("%00", 20)) + "&info_hash=" + string.Concat(Enumerable.Repeat("%FF", 20)), uri.Query);
    }
}
