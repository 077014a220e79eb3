using System.Text;
using EnterpriseDistrib.Torrent.Tracker;

namespace EnterpriseDistrib.Torrent.Tests.Tracker;

public sealed class TrackerResponseParserTests
{
    private static byte[] Bytes(string latin1) => Encoding.Latin1.GetBytes(latin1);

    [Fact]
    public void Compact_peers_become_endpoints_in_network_byte_order()
    {
        // BEP 23: 4 address bytes and 2 port bytes, big-endian. 127.0.0.5:6881 and 10.1.2.3:65535.
        var body = Bytes("d8:completei3e10:incompletei4e8:intervali1800e12:min intervali900e5:peers12:\u007f\u0000\u0000\u0005\u001a\u00e1\u000a\u0001\u0002\u0003\u00ff\u00ffe");

        var response = TrackerResponseParser.ParseAnnounce(body);

        Assert.Equal(["127.0.0.5:6881", "10.1.2.3:65535"], response.Peers.Select(p => p.ToString()));
        Assert.Equal(TimeSpan.FromSeconds(1800), response.Interval);
        Assert.Equal(TimeSpan.FromSeconds(900), response.MinInterval);
        Assert.Equal(3, response.Complete);
        Assert.Equal(4, response.Incomplete);
        Assert.Null(response.WarningMessage);
    }

    [Fact]
    public void Peers6_adds_IPv6_endpoints_after_the_IPv4_ones()
    {
        var v6 = "\u0020\u0001\u000d\u00b8" + new string('\0', 11) + "\u0001" + "\u001a\u00e1";
        var body = Bytes("d8:intervali60e5:peers6:\u007f\u0000\u0000\u0001\u0000\u0050" + "6:peers618:" + v6 + "e");

        var response = TrackerResponseParser.ParseAnnounce(body);

        Assert.Equal(["127.0.0.1:80", "[2001:db8::1]:6881"], response.Peers.Select(p => p.ToString()));
    }

    [Fact]
    public void The_dictionary_peer_list_is_read_and_names_and_port_0_are_skipped()
    {
        var body = Bytes("d8:intervali60e5:peersl"
            + "d2:ip9:127.0.0.77:peer id20:AAAAAAAAAAAAAAAAAAAA4:porti6881ee"
            + "d2:ip11:example.org4:porti6881ee"
            + "d2:ip9:127.0.0.84:porti0ee"
            + "d2:ip3:::14:porti51413ee"
            + "ee");

        var response = TrackerResponseParser.ParseAnnounce(body);

        Assert.Equal(["127.0.0.7:6881", "[::1]:51413"], response.Peers.Select(p => p.ToString()));
    }

    [Fact]
    public void A_compact_peer_with_port_0_is_dropped()
    {
        var body = Bytes("d8:intervali60e5:peers12:\u007f\u0000\u0000\u0005\u0000\u0000\u007f\u0000\u0000\u0006\u0000\u0001e");

        var response = TrackerResponseParser.ParseAnnounce(body);

        Assert.Equal(["127.0.0.6:1"], response.Peers.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("d8:intervali60e5:peers7:\u007f\u0000\u0000\u0005\u001a\u00e1\u0000e", "peers is 7 bytes, not a multiple of 6")]
    [InlineData("d8:intervali60e6:peers617:" + "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000" + "e", "peers6 is 17 bytes, not a multiple of 18")]
    [InlineData("d8:intervali60e5:peersi5ee", "peers is neither a string nor a list")]
    [InlineData("d5:peers0:e", "interval is missing")]
    [InlineData("d8:intervali-1e5:peers0:e", "interval is -1 seconds")]
    [InlineData("d8:interval2:605:peers0:e", "a key has a value of the wrong type")]
    [InlineData("d8:intervali60e5:peersli1eee", "an entry of the peers list is not a dictionary")]
    public void A_malformed_answer_is_a_protocol_error_that_says_what_was_wrong(string latin1, string problem)
    {
        var error = Assert.Throws<TrackerProtocolException>(() => TrackerResponseParser.ParseAnnounce(Bytes(latin1)));

        Assert.Equal(problem, error.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>503</html>")]
    [InlineData("d8:intervali60e")]
    [InlineData("d8:intervali60ee trailing")]
    [InlineData("d5:peers0:8:intervali60ee")]
    [InlineData("li1ee")]
    public void A_body_that_is_not_one_strict_bencoded_dictionary_is_a_protocol_error(string latin1)
    {
        var error = Assert.Throws<TrackerProtocolException>(() => TrackerResponseParser.ParseAnnounce(Bytes(latin1)));

        Assert.StartsWith("the body is not a bencoded dictionary", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_reason_is_raised_with_the_trackers_words()
    {
        var error = Assert.Throws<TrackerFailureException>(
            () => TrackerResponseParser.ParseAnnounce(Bytes("d14:failure reason20:torrent not on list!e"), new Uri("http://t/announce")));

        Assert.Equal("torrent not on list!", error.FailureReason);
        Assert.Equal(new Uri("http://t/announce"), error.TrackerUrl);
    }

    [Fact]
    public void A_warning_message_comes_with_the_peers()
    {
        var body = Bytes("d8:intervali60e5:peers6:\u007f\u0000\u0000\u0005\u001a\u00e110:tracker id3:abc15:warning message12:slow down :)e");

        var response = TrackerResponseParser.ParseAnnounce(body);

        Assert.Equal("slow down :)", response.WarningMessage);
        Assert.Equal("abc", response.TrackerId);
        Assert.Single(response.Peers);
    }

    [Fact]
    public void A_scrape_answer_gives_counters_per_info_hash()
    {
        var hash = new string('\u0011', 20);
        var body = Bytes("d5:filesd20:" + hash + "d8:completei5e10:downloadedi50e10:incompletei10eeee");

        var response = TrackerResponseParser.ParseScrape(body);

        var statistics = Assert.Single(response.Files);
        Assert.Equal("1111111111111111111111111111111111111111", statistics.Key.ToHex());
        Assert.Equal(new ScrapeStatistics(5, 50, 10), statistics.Value);
    }

    [Fact]
    public void A_scrape_entry_keyed_by_something_other_than_an_info_hash_is_a_protocol_error()
    {
        Assert.Throws<TrackerProtocolException>(() => TrackerResponseParser.ParseScrape(Bytes("d5:filesd3:abcd8:completei5eeee")));
    }
    [Fact]
    public void Tracker_handed_web_seeds_are_read_in_order_without_duplicates()
    {
        var body = Bytes("d8:intervali60e5:peers0:17:x-edist-web-seedsl"
            + "35:http://127.0.0.9:8080/content/k/ab/"
            + "27:https://origin.example/c/k/"
            + "35:http://127.0.0.9:8080/content/k/ab/"
            + "ee");

        var response = TrackerResponseParser.ParseAnnounce(body);

        Assert.Equal(["http://127.0.0.9:8080/content/k/ab/", "https://origin.example/c/k/"], response.WebSeeds.Select(u => u.ToString()));
        Assert.Null(response.WebSeedsWarning);
    }

    [Fact]
    public void An_answer_without_web_seeds_has_none_and_no_warning()
    {
        var response = TrackerResponseParser.ParseAnnounce(Bytes("d8:intervali60e5:peers0:e"));

        Assert.Empty(response.WebSeeds);
        Assert.Null(response.WebSeedsWarning);
    }

    [Theory]
    [InlineData("17:x-edist-web-seeds3:abc", "not a list")]
    [InlineData("17:x-edist-web-seedsli5ee", "not a string")]
    [InlineData("17:x-edist-web-seedsl0:e", "not a string")]
    [InlineData("17:x-edist-web-seedsl20:ftp://127.0.0.1/x/y/e", "not an absolute http or https URL")]
    [InlineData("17:x-edist-web-seedsl11:/content/k/e", "not an absolute http or https URL")]
    [InlineData("17:x-edist-web-seedsl25:http://user:pw@127.0.0.1/e", "not an absolute http or https URL")]
    [InlineData("17:x-edist-web-seedsd1:ai1ee", "not a list")]
    public void A_malformed_web_seed_list_is_ignored_with_a_warning_and_the_announce_still_succeeds(string entry, string why)
    {
        var body = Bytes("d8:intervali60e5:peers6:\u007f\u0000\u0000\u0005\u001a\u00e1" + entry + "e");

        var response = TrackerResponseParser.ParseAnnounce(body);

        Assert.Empty(response.WebSeeds);
        Assert.Contains("x-edist-web-seeds", response.WebSeedsWarning, StringComparison.Ordinal);
        Assert.Contains(why, response.WebSeedsWarning, StringComparison.Ordinal);
        Assert.Equal(["127.0.0.5:6881"], response.Peers.Select(p => p.ToString()));
    }

    [Fact]
    public void More_than_eight_web_seeds_or_a_url_over_2_KiB_are_ignored()
    {
        var nine = string.Concat(Enumerable.Range(0, 9).Select(i => $"http://127.0.0.{i + 1}/c/").Select(u => $"{u.Length}:{u}"));
        var longUrl = "http://127.0.0.1/" + new string('a', 2048);

        var tooMany = TrackerResponseParser.ParseAnnounce(Bytes($"d8:intervali60e17:x-edist-web-seedsl{nine}ee"));
        var tooLong = TrackerResponseParser.ParseAnnounce(Bytes($"d8:intervali60e17:x-edist-web-seedsl{longUrl.Length}:{longUrl}ee"));

        Assert.Empty(tooMany.WebSeeds);
        Assert.Contains("more than 8", tooMany.WebSeedsWarning, StringComparison.Ordinal);
        Assert.Empty(tooLong.WebSeeds);
        Assert.NotNull(tooLong.WebSeedsWarning);
    }
}
