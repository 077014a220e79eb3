using System.Net;
using System.Net.Sockets;
using EnterpriseDistrib.ControlPlane.Policies;

namespace EnterpriseDistrib.ControlPlane.Tests.Policies;

public sealed class CidrTests
{
    [Theory]
    [InlineData("10.1.0.0/16", "10.1.0.0/16")]
    [InlineData(" 192.168.10.0/24 ", "192.168.10.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("10.1.2.3/32", "10.1.2.3/32")]
    [InlineData("2001:DB8:0:0::/32", "2001:db8::/32")]
    [InlineData("::/0", "::/0")]
    [InlineData("2001:db8::1/128", "2001:db8::1/128")]
    public void Valid_ranges_parse_to_their_normalized_form(string text, string normalized)
    {
        Assert.True(Cidr.TryParse(text, out var cidr, out var error), error);
        Assert.Equal(normalized, cidr.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/+8")]
    [InlineData("10.0.0.0/08")]
    [InlineData("10.0.0.0/ 8")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("10.0.0.0/99999999999")]
    [InlineData("10.0.0/8")]
    [InlineData("10/8")]
    [InlineData("010.0.0.0/8")]
    [InlineData("256.0.0.0/8")]
    [InlineData("10.0.0.-1/32")]
    [InlineData("a.b.c.d/8")]
    [InlineData("0x0a.0.0.0/8")]
    [InlineData("\u0663.0.0.0/8")]
    [InlineData("10.0.0.0/\u0668")]
    [InlineData("::/129")]
    [InlineData("fe80::1%eth0/128")]
    [InlineData("2001:db8:::/48")]
    [InlineData("::ffff:10.0.0.0/104")]
    [InlineData("10.0.0.0\0/8")]
    public void Hostile_or_malformed_ranges_are_refused_with_a_reason(string? text)
    {
        Assert.False(Cidr.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Throws<FormatException>(() => Cidr.Parse(text!));
    }

    [Fact]
    public void An_enormous_input_is_refused_by_length_before_parsing()
    {
        Assert.False(Cidr.TryParse(new string('1', 1_000_000) + "/8", out _, out var error));
        Assert.Contains("at most 64", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_bits_are_refused_with_the_network_that_was_probably_meant()
    {
        Assert.False(Cidr.TryParse("10.1.2.3/16", out _, out var v4));
        Assert.False(Cidr.TryParse("2001:db8::1/64", out _, out var v6));

        Assert.Contains("10.1.0.0/16", v4, StringComparison.Ordinal);
        Assert.Contains("2001:db8::/64", v6, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_prefix_is_refused_with_the_single_host_form()
    {
        Assert.False(Cidr.TryParse("10.1.2.3", out _, out var error));
        Assert.Contains("10.1.2.3/32", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ipv4_mapped_ipv6_address_is_matched_as_ipv4()
    {
        var range = Cidr.Parse("10.1.0.0/16");

        Assert.True(range.Contains(IPAddress.Parse("::ffff:10.1.200.7")));
        Assert.False(range.Contains(IPAddress.Parse("::ffff:10.2.0.1")));
        Assert.False(Cidr.Parse("::/0").Contains(IPAddress.Parse("::ffff:10.1.200.7")));
    }

    [Fact]
    public void A_range_contains_only_addresses_of_its_own_family()
    {
        Assert.True(Cidr.Parse("0.0.0.0/0").Contains(IPAddress.Parse("203.0.113.9")));
        Assert.False(Cidr.Parse("0.0.0.0/0").Contains(IPAddress.Parse("2001:db8::1")));
        Assert.True(Cidr.Parse("::/0").Contains(IPAddress.Parse("2001:db8::1")));
        Assert.False(Cidr.Parse("2001:db8::/32").Contains(IPAddress.Parse("2001:db9::1")));
    }

    [Fact]
    public void Range_containment_follows_prefixes()
    {
        var wide = Cidr.Parse("10.0.0.0/8");
        var narrow = Cidr.Parse("10.1.0.0/16");

        Assert.True(wide.Contains(narrow));
        Assert.False(narrow.Contains(wide));
        Assert.True(narrow.Contains(narrow));
        Assert.False(wide.Contains(Cidr.Parse("11.0.0.0/16")));
        Assert.False(Cidr.Parse("::/0").Contains(wide));
    }

    [Fact]
    public void Random_networks_round_trip_through_text_and_contain_their_first_and_last_address()
    {
        var random = new Random(20261128);
        for (var i = 0; i < 2000; i++)
        {
            var v6 = i % 2 == 1;
            var bytes = new byte[v6 ? 16 : 4];
            random.NextBytes(bytes);
            var width = bytes.Length * 8;
            var prefix = random.Next(0, width + 1);
            var network = Mask(bytes, prefix, ones: false);
            var last = Mask(bytes, prefix, ones: true);
            var text = $"{new IPAddress(network)}/{prefix}";

            var cidr = Cidr.Parse(text);

            Assert.Equal(text, cidr.ToString());
            Assert.Equal(v6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork, cidr.Family);
            Assert.True(cidr.Contains(new IPAddress(network)));
            Assert.True(cidr.Contains(new IPAddress(last)));
            Assert.Equal(cidr, Cidr.Parse(cidr.ToString()));
        }
    }

    private static byte[] Mask(byte[] address, int prefix, bool ones)
    {
        var result = (byte[])address.Clone();
        for (var bit = prefix; bit < result.Length * 8; bit++)
        {
            var mask = (byte)(0x80 >> (bit % 8));
            result[bit / 8] = ones ? (byte)(result[bit / 8] | mask) : (byte)(result[bit / 8] & ~mask);
        }

        return result;
    }
}
