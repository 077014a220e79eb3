using System.Text;
using EnterpriseDistrib.Torrent.Bencoding;

namespace EnterpriseDistrib.Torrent.Tests.Bencoding;

public sealed class BencodeDecoderTests
{
    private static BencodeValue Decode(string text) => BencodeDecoder.Decode(Encoding.UTF8.GetBytes(text));

    private static BencodeException Fails(string text, BencodeLimits? limits = null) =>
        Assert.Throws<BencodeException>(() => BencodeDecoder.Decode(Encoding.UTF8.GetBytes(text), limits));

    [Theory]
    [InlineData("i0e", 0L)]
    [InlineData("i42e", 42L)]
    [InlineData("i-42e", -42L)]
    [InlineData("i9223372036854775807e", long.MaxValue)]
    [InlineData("i-9223372036854775808e", long.MinValue)]
    public void Integers_decode_to_their_value(string text, long expected)
    {
        var value = Assert.IsType<BencodeInteger>(Decode(text));
        Assert.Equal(expected, value.Value);
    }

    [Theory]
    [InlineData("i-0e", BencodeRules.IntegerNegativeZero, 0)]
    [InlineData("i03e", BencodeRules.IntegerLeadingZero, 0)]
    [InlineData("i-03e", BencodeRules.IntegerNegativeZero, 0)]
    [InlineData("i00e", BencodeRules.IntegerLeadingZero, 0)]
    [InlineData("ie", BencodeRules.IntegerEmpty, 0)]
    [InlineData("i-e", BencodeRules.IntegerEmpty, 0)]
    [InlineData("i9223372036854775808e", BencodeRules.IntegerOverflow, 0)]
    [InlineData("i-9223372036854775809e", BencodeRules.IntegerOverflow, 0)]
    [InlineData("i+1e", BencodeRules.UnexpectedByte, 1)]
    [InlineData("i1.5e", BencodeRules.UnexpectedByte, 2)]
    [InlineData("i12", BencodeRules.Truncated, 3)]
    [InlineData("li1ei-0ee", BencodeRules.IntegerNegativeZero, 4)]
    public void Non_canonical_integers_are_rejected_naming_offset_and_rule(string text, string rule, long offset)
    {
        var error = Fails(text);
        Assert.Equal(rule, error.Rule);
        Assert.Equal(offset, error.Offset);
        Assert.Contains($"byte {offset}", error.Message, StringComparison.Ordinal);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_slice_the_input_without_copying()
    {
        var input = Encoding.ASCII.GetBytes("l4:spame");
        var list = Assert.IsType<BencodeList>(BencodeDecoder.Decode(input));
        var text = Assert.IsType<BencodeString>(list[0]);
        Assert.Equal("spam", text.ToUtf8String());
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(text.Bytes, out var segment));
        Assert.Same(input, segment.Array);
        Assert.Equal(3, segment.Offset);
        Assert.Equal("4:spam", Encoding.ASCII.GetString(text.Raw.Span));
    }

    [Fact]
    public void Empty_string_decodes()
    {
        Assert.Equal(0, Assert.IsType<BencodeString>(Decode("0:")).Bytes.Length);
    }

    [Theory]
    [InlineData("4294967296:abc", BencodeRules.StringLengthExceedsInput, 0)]
    [InlineData("99999999999999999999999999:", BencodeRules.StringLengthExceedsInput, 0)]
    [InlineData("5:abc", BencodeRules.StringLengthExceedsInput, 0)]
    [InlineData("03:abc", BencodeRules.StringLengthLeadingZero, 0)]
    [InlineData("3abc", BencodeRules.UnexpectedByte, 1)]
    [InlineData("12", BencodeRules.StringLengthExceedsInput, 0)]
    [InlineData("1", BencodeRules.Truncated, 1)]
    [InlineData("-1:a", BencodeRules.UnexpectedByte, 0)]
    public void Bad_string_lengths_are_rejected_before_allocating(string text, string rule, long offset)
    {
        var error = Fails(text);
        Assert.Equal(rule, error.Rule);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void A_string_longer_than_the_limit_is_rejected()
    {
        var error = Fails("5:abcde", new BencodeLimits { MaxStringLength = 4 });
        Assert.Equal(BencodeRules.StringTooLong, error.Rule);
    }

    [Fact]
    public void Dictionaries_keep_keys_and_raw_slices()
    {
        var input = "d3:bar4:spam3:fooi42e4:infod1:xi1eee";
        var dictionary = Assert.IsType<BencodeDictionary>(Decode(input));
        Assert.Equal(3, dictionary.Count);
        Assert.Equal("spam", dictionary.GetString("bar")!.ToUtf8String());
        Assert.Equal(42, dictionary.GetInteger("foo"));
        Assert.Equal("d1:xi1ee", Encoding.ASCII.GetString(dictionary.GetDictionary("info")!.Raw.Span));
        Assert.Equal(["bar", "foo", "info"], dictionary.Select(entry => entry.Key.ToUtf8String()));
        Assert.Null(dictionary.GetString("absent"));
        Assert.True(dictionary.TryGetValue("foo"u8, out var foo));
        Assert.Equal(42, Assert.IsType<BencodeInteger>(foo).Value);
    }

    [Fact]
    public void Asking_for_the_wrong_type_names_the_key()
    {
        var dictionary = BencodeDecoder.DecodeDictionary(Encoding.ASCII.GetBytes("d3:fooi42ee"));
        var error = Assert.Throws<BencodeException>(() => dictionary.GetString("foo"));
        Assert.Equal(BencodeRules.WrongType, error.Rule);
        Assert.Equal(6, error.Offset);
        Assert.Contains("'foo'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("d3:foo1:a3:bar1:be", BencodeRules.DictionaryKeysUnsorted, 9)]
    [InlineData("d3:foo1:a3:foo1:be", BencodeRules.DictionaryKeyDuplicate, 9)]
    [InlineData("di1e1:ae", BencodeRules.DictionaryKeyNotString, 1)]
    [InlineData("d3:fooe", BencodeRules.DictionaryMissingValue, 6)]
    [InlineData("d3:foo", BencodeRules.Truncated, 6)]
    [InlineData("l", BencodeRules.Truncated, 1)]
    [InlineData("", BencodeRules.Truncated, 0)]
    [InlineData("e", BencodeRules.UnexpectedByte, 0)]
    [InlineData("x", BencodeRules.UnexpectedByte, 0)]
    [InlineData("i1ei2e", BencodeRules.TrailingBytes, 3)]
    [InlineData("le ", BencodeRules.TrailingBytes, 2)]
    public void Malformed_structures_are_rejected(string text, string rule, long offset)
    {
        var error = Fails(text);
        Assert.Equal(rule, error.Rule);
        Assert.Equal(offset, error.Offset);
    }

    [Fact]
    public void Keys_are_ordered_by_raw_bytes_not_by_text()
    {
        // 'Z' (0x5a) sorts before 'a' (0x61) and a shorter prefix before its extensions.
        var dictionary = Assert.IsType<BencodeDictionary>(Decode("d1:Zi1e1:ai2e2:aai3ee"));
        Assert.Equal(3, dictionary.Count);
        Assert.Equal(BencodeRules.DictionaryKeysUnsorted, Fails("d1:ai2e1:Zi1ee").Rule);
    }

    [Fact]
    public void Hostile_nesting_of_a_hundred_thousand_levels_fails_without_overflowing_the_stack()
    {
        var input = new byte[200_000];
        input.AsSpan(0, 100_000).Fill((byte)'l');
        input.AsSpan(100_000).Fill((byte)'e');
        var error = Assert.Throws<BencodeException>(() => BencodeDecoder.Decode(input));
        Assert.Equal(BencodeRules.TooDeep, error.Rule);
        Assert.Equal(64, error.Offset);
    }

    [Fact]
    public void Deep_nesting_is_decoded_iteratively_when_the_limit_allows_it()
    {
        var input = new byte[200_000];
        input.AsSpan(0, 100_000).Fill((byte)'l');
        input.AsSpan(100_000).Fill((byte)'e');
        var value = BencodeDecoder.Decode(input, new BencodeLimits { MaxDepth = 100_000 });
        Assert.Equal(200_000, value.Raw.Length);
    }

    [Fact]
    public void Too_many_items_are_rejected()
    {
        var error = Fails("li1ei2ei3ee", new BencodeLimits { MaxItems = 3 });
        Assert.Equal(BencodeRules.TooManyItems, error.Rule);
    }

    [Fact]
    public void Decode_prefix_reports_the_bytes_it_used()
    {
        var input = Encoding.ASCII.GetBytes("d8:msg_typei1e5:piecei0eeRAWDATA");
        var value = BencodeDecoder.DecodePrefix(input, out var consumed);
        Assert.IsType<BencodeDictionary>(value);
        Assert.Equal(input.Length - "RAWDATA".Length, consumed);
    }

    [Fact]
    public void Decode_dictionary_rejects_other_values()
    {
        var error = Assert.Throws<BencodeException>(() => BencodeDecoder.DecodeDictionary(Encoding.ASCII.GetBytes("le")));
        Assert.Equal(BencodeRules.WrongType, error.Rule);
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_offset_in_the_input()
    {
        var input = new byte[] { (byte)'l', (byte)'3', (byte)':', (byte)'a', 0xff, (byte)'b', (byte)'e' };
        var list = Assert.IsType<BencodeList>(BencodeDecoder.Decode(input));
        var error = Assert.Throws<BencodeException>(() => ((BencodeString)list[0]).ToUtf8String());
        Assert.Equal(BencodeRules.InvalidUtf8, error.Rule);
        Assert.Equal(4, error.Offset);
    }
}
