using System.Buffers;
using System.Text;
using EnterpriseDistrib.Torrent.Bencoding;

namespace EnterpriseDistrib.Torrent.Tests.Bencoding;

public sealed class BencodeWriterTests
{
    [Fact]
    public void Writes_a_tracker_style_response_that_the_strict_decoder_accepts()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new BencodeWriter(buffer);
        writer.WriteStartDictionary();
        writer.WriteKey("interval");
        writer.WriteInteger(1800);
        writer.WriteKey("peers");
        writer.WriteStartList();
        writer.WriteStartDictionary();
        writer.WriteKey("ip");
        writer.WriteString("127.0.0.1");
        writer.WriteKey("port");
        writer.WriteInteger(6881);
        writer.WriteEnd();
        writer.WriteEnd();
        writer.WriteKey("peers6"u8);
        writer.WriteString([1, 2, 3]);
        writer.WriteEnd();

        Assert.Equal(0, writer.Depth);
        Assert.Equal("d8:intervali1800e5:peersld2:ip9:127.0.0.14:porti6881eee6:peers63:\u0001\u0002\u0003e", Encoding.ASCII.GetString(buffer.WrittenSpan));
        BencodeDecoder.DecodeDictionary(buffer.WrittenMemory);
    }

    [Fact]
    public void Keys_out_of_order_are_refused()
    {
        var writer = new BencodeWriter(new ArrayBufferWriter<byte>());
        writer.WriteStartDictionary();
        writer.WriteKey("b");
        writer.WriteInteger(1);
        Assert.Throws<InvalidOperationException>(() => writer.WriteKey("a"));
        Assert.Throws<InvalidOperationException>(() => writer.WriteKey("b"));
    }

    [Fact]
    public void Key_order_is_tracked_per_dictionary()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new BencodeWriter(buffer);
        writer.WriteStartDictionary();
        writer.WriteKey("m");
        writer.WriteStartDictionary();
        writer.WriteKey("a");
        writer.WriteInteger(1);
        writer.WriteKey("z");
        writer.WriteInteger(2);
        writer.WriteEnd();
        writer.WriteKey("n");
        writer.WriteInteger(3);
        Assert.Throws<InvalidOperationException>(() => writer.WriteKey("n"));
        writer.WriteEnd();
        Assert.Equal("d1:md1:ai1e1:zi2ee1:ni3ee", Encoding.ASCII.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void A_value_without_a_key_and_a_key_without_a_value_are_refused()
    {
        var writer = new BencodeWriter(new ArrayBufferWriter<byte>());
        writer.WriteStartDictionary();
        Assert.Throws<InvalidOperationException>(() => writer.WriteInteger(1));
        writer.WriteKey("a");
        Assert.Throws<InvalidOperationException>(() => writer.WriteEnd());
        Assert.Throws<InvalidOperationException>(() => writer.WriteKey("b"));
    }

    [Fact]
    public void Keys_are_refused_outside_dictionaries_and_end_needs_an_open_container()
    {
        var writer = new BencodeWriter(new ArrayBufferWriter<byte>());
        Assert.Throws<InvalidOperationException>(() => writer.WriteEnd());
        writer.WriteStartList();
        Assert.Throws<InvalidOperationException>(() => writer.WriteKey("a"));
    }

    [Fact]
    public void Long_keys_and_strings_are_written_whole()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new BencodeWriter(buffer);
        var longKey = new string('k', 1000);
        writer.WriteStartDictionary();
        writer.WriteKey(longKey);
        writer.WriteString(new string('v', 5000));
        writer.WriteEnd();
        var decoded = BencodeDecoder.DecodeDictionary(buffer.WrittenMemory);
        Assert.Equal(5000, decoded.GetString(longKey)!.Bytes.Length);
    }
}
