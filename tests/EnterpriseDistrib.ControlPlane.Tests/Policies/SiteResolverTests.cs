using System.Net;
using EnterpriseDistrib.Catalog.Sites;
using EnterpriseDistrib.ControlPlane.Policies;

namespace EnterpriseDistrib.ControlPlane.Tests.Policies;

public sealed class SiteResolverTests
{
    private static readonly Guid Europe = Guid.Parse("00000000-0000-0000-0000-0000000000e1");
    private static readonly Guid Paris = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Lyon = Guid.Parse("00000000-0000-0000-0000-0000000000b1");

    [Fact]
    public void The_longest_matching_prefix_wins_and_the_explanation_names_the_wider_range()
    {
        var resolver = SiteResolver.Build([Entry(Europe, "Europe", "10.0.0.0/8"), Entry(Paris, "Paris", "10.1.0.0/16")]);

        var inParis = resolver.Resolve(IPAddress.Parse("10.1.2.3"));
        var inEurope = resolver.Resolve("10.2.0.1");

        Assert.Equal(Paris, inParis.SiteId);
        Assert.Equal("10.1.0.0/16", inParis.MatchedRange.ToString());
        Assert.Equal("10.1.2.3 is in 10.1.0.0/16 of site 'Paris' (longest matching prefix; it is also in 10.0.0.0/8 of 'Europe').", inParis.Explanation);
        Assert.Equal(Europe, inEurope.SiteId);
    }

    [Fact]
    public void Ipv6_addresses_resolve_by_longest_prefix_too()
    {
        var resolver = SiteResolver.Build([Entry(Europe, "Europe", "2001:db8::/32"), Entry(Lyon, "Lyon", "2001:db8:2::/48"), Entry(Paris, "Paris", "10.0.0.0/8")]);

        Assert.Equal(Lyon, resolver.Resolve("2001:db8:2::99").SiteId);
        Assert.Equal(Europe, resolver.Resolve("2001:db8:3::1").SiteId);
        Assert.False(resolver.Resolve("2001:db9::1").IsPlaced);
    }

    [Fact]
    public void An_ipv4_mapped_ipv6_address_resolves_to_the_ipv4_site()
    {
        var resolver = SiteResolver.Build([Entry(Paris, "Paris", "10.1.0.0/16"), Entry(Europe, "Europe", "::/0")]);

        var resolution = resolver.Resolve("::ffff:10.1.0.20");

        Assert.Equal(Paris, resolution.SiteId);
        Assert.StartsWith("10.1.0.20 is in", resolution.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_outside_every_range_is_unplaced_and_says_so()
    {
        var resolver = SiteResolver.Build([Entry(Paris, "Paris", "10.1.0.0/16")]);

        var resolution = resolver.Resolve("192.0.2.1");

        Assert.False(resolution.IsPlaced);
        Assert.Null(resolution.MatchedRange);
        Assert.Contains("192.0.2.1 is in no site's ranges", resolution.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-ip")]
    [InlineData("10.1.2.3.4")]
    public void Text_that_is_not_an_address_is_unplaced_with_a_reason(string? text)
    {
        var resolution = SiteResolver.Build([Entry(Europe, "Europe", "0.0.0.0/0")]).Resolve(text);

        Assert.False(resolution.IsPlaced);
        Assert.Contains("is not an IP address", resolution.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_in_two_sites_resolves_to_the_first_by_name_and_flags_the_duplicate()
    {
        var resolver = SiteResolver.Build([Entry(Paris, "Paris", "10.1.0.0/16"), Entry(Lyon, "Lyon", "10.1.0.0/16")]);

        var resolution = resolver.Resolve("10.1.0.1");

        Assert.Equal(Lyon, resolution.SiteId);
        Assert.Contains("also belongs to 'Paris'", resolution.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Stored_rows_that_no_longer_parse_are_left_out_and_reported()
    {
        var resolver = SiteResolver.Build([new SiteRangeRow(Paris, "Paris", "10.1.0.0/16"), new SiteRangeRow(Lyon, "Lyon", "10.2.3.4/16")], out var rejected);

        Assert.Single(resolver.Entries);
        Assert.Contains("Site 'Lyon'", Assert.Single(rejected), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolution_agrees_with_a_brute_force_longest_match_on_random_ranges()
    {
        var random = new Random(4242);
        var entries = new List<SiteRangeEntry>();
        for (var i = 0; i < 300; i++)
        {
            // Few distinct first octets so ranges nest often.
            var prefix = random.Next(8, 33);
            var address = new IPAddress([(byte)(10 + random.Next(3)), (byte)random.Next(4), (byte)random.Next(256), (byte)random.Next(256)]);
            var network = Cidr.Parse($"{address}/32");
            var masked = new IPAddress(Truncate(address.GetAddressBytes(), prefix));
            entries.Add(new SiteRangeEntry(Guid.NewGuid(), $"site-{i:D3}", Cidr.Parse($"{masked}/{prefix}")));
            Assert.True(network.Contains(address));
        }

        var resolver = SiteResolver.Build(entries);
        for (var i = 0; i < 5000; i++)
        {
            var address = new IPAddress([(byte)(10 + random.Next(3)), (byte)random.Next(4), (byte)random.Next(256), (byte)random.Next(256)]);
            var expected = entries.Where(e => e.Range.Contains(address))
                .OrderByDescending(e => e.Range.PrefixLength).ThenBy(e => e.SiteName, StringComparer.Ordinal).FirstOrDefault();

            Assert.Equal(expected?.SiteId, resolver.Resolve(address).SiteId);
        }
    }

    [Fact]
    public void Overlaps_report_nested_identical_and_redundant_ranges_but_not_disjoint_ones()
    {
        var entries = new[]
        {
            Entry(Europe, "Europe", "10.0.0.0/8"),
            Entry(Paris, "Paris", "10.1.0.0/16"),
            Entry(Lyon, "Lyon", "10.1.0.0/16"),
            Entry(Paris, "Paris", "10.1.5.0/24"),
            Entry(Lyon, "Lyon", "192.168.0.0/16"),
            Entry(Lyon, "Lyon", "2001:db8::/32"),
            Entry(Paris, "Paris", "2001:db9::/32"),
        };

        var overlaps = SiteResolver.FindOverlaps(entries);

        var described = overlaps.Select(o => (o.Wider.ToString(), o.Narrower.ToString(), o.Kind)).ToList();
        Assert.Equal(
            [
                ("10.0.0.0/8 of 'Europe'", "10.1.0.0/16 of 'Lyon'", OverlapKind.Nested),
                ("10.0.0.0/8 of 'Europe'", "10.1.0.0/16 of 'Paris'", OverlapKind.Nested),
                ("10.1.0.0/16 of 'Lyon'", "10.1.0.0/16 of 'Paris'", OverlapKind.Identical),
                ("10.0.0.0/8 of 'Europe'", "10.1.5.0/24 of 'Paris'", OverlapKind.Nested),
                ("10.1.0.0/16 of 'Lyon'", "10.1.5.0/24 of 'Paris'", OverlapKind.Nested),
                ("10.1.0.0/16 of 'Paris'", "10.1.5.0/24 of 'Paris'", OverlapKind.Nested),
            ],
            described);
        Assert.Contains(overlaps, o => o.IsSameSite && o.Describe().Contains("redundant", StringComparison.Ordinal));
        Assert.Contains(overlaps, o => o.Kind == OverlapKind.Identical && o.Describe().Contains("both 'Lyon' and 'Paris'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_save_time_report_only_lists_overlaps_involving_the_saved_site()
    {
        var entries = new[] { Entry(Europe, "Europe", "10.0.0.0/8"), Entry(Paris, "Paris", "10.1.0.0/16"), Entry(Lyon, "Lyon", "172.16.0.0/12") };

        Assert.Single(SiteResolver.FindOverlapsOf(entries, Paris));
        Assert.Empty(SiteResolver.FindOverlapsOf(entries, Lyon));
    }

    private static SiteRangeEntry Entry(Guid site, string name, string cidr) => new(site, name, Cidr.Parse(cidr));

    private static byte[] Truncate(byte[] bytes, int prefix)
    {
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return bytes;
    }
}
