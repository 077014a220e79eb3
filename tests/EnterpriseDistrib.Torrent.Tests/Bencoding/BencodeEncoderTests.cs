using System.Buffers;
using System.Text;
using EnterpriseDistrib.Torrent.Bencoding;

namespace EnterpriseDistrib.Torrent.Tests.Bencoding;

public sealed class BencodeEncoderTests
{
    private static string EncodeToText(BencodeValue value) => Encoding.UTF8.GetString(BencodeEncoder.Encode(value));

    [Fact]
    public void Built_values_encode_canonically_with_keys_sorted_by_raw_bytes()
    {
        var value = BencodeDictionary.From(
        [
            KeyValuePair.Create<string, BencodeValue>("zeta", BencodeInteger.From(-7)),
            KeyValuePair.Create<string, BencodeValue>("alpha", BencodeList.From([BencodeString.From("x"), BencodeInteger.From(0)])),
            KeyValuePair.Create<string, BencodeValue>("Zulu", BencodeString.From("")),
        ]);

        Assert.Equal("d4:Zulu0:5:alphal1:xi0ee4:zetai-7ee", EncodeToText(value));
    }

    [Fact]
    public void Integers_at_the_extremes_encode_exactly()
    {
        Assert.Equal("i-9223372036854775808e", EncodeToText(BencodeInteger.From(long.MinValue)));
        Assert.Equal("i9223372036854775807e", EncodeToText(BencodeInteger.From(long.MaxValue)));
        Assert.Equal("i0e", EncodeToText(BencodeInteger.From(0)));
    }

    [Fact]
    public void Strings_count_utf8_bytes_not_characters()
    {
        Assert.Equal(Encoding.UTF8.GetBytes("6:grüß"), BencodeEncoder.Encode(BencodeString.From("grüß")));
    }

    [Fact]
    public void Decoded_values_re_encode_to_their_exact_bytes_even_inside_built_values()
    {
        var info = BencodeDecoder.Decode(Encoding.ASCII.GetBytes("d7:unknownl1:ae1:xi1ee"));
        var outer = BencodeDictionary.From([KeyValuePair.Create("info", info)]);
        Assert.Equal("d4:infod7:unknownl1:ae1:xi1eee", EncodeToText(outer));
    }

    [Fact]
    public void Raw_of_a_built_value_is_its_canonical_encoding()
    {
        var list = BencodeList.From([BencodeInteger.From(1), BencodeString.From("ab")]);
        Assert.Equal("li1e2:abe", Encoding.ASCII.GetString(list.Raw.Span));
    }

    [Fact]
    public void Duplicate_keys_are_refused_when_building()
    {
        Assert.Throws<ArgumentException>(() => BencodeDictionary.From(
        [
            KeyValuePair.Create<string, BencodeValue>("a", BencodeInteger.From(1)),
            KeyValuePair.Create<string, BencodeValue>("a", BencodeInteger.From(2)),
        ]));
    }

    [Fact]
    public void Encoding_into_a_buffer_writer_appends()
    {
        var buffer = new ArrayBufferWriter<byte>();
        BencodeEncoder.Encode(BencodeInteger.From(1), buffer);
        BencodeEncoder.Encode(BencodeString.From("a"), buffer);
        Assert.Equal("i1e1:a", Encoding.ASCII.GetString(buffer.WrittenSpan));
    }
}
