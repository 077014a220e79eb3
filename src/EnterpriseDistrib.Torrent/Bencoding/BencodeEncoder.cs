using System.Buffers;
using System.Buffers.Text;

namespace EnterpriseDistrib.Torrent.Bencoding;

/// <summary>Canonical BEP 3 encoding: dictionary keys in raw-byte order, minimal integers and lengths.</summary>
/// <remarks>
/// A decoded value was checked to be canonical, so its <see cref="BencodeValue.Raw"/> is copied as is;
/// that is also what keeps unknown keys of an <c>info</c> dictionary, and so its info-hash, intact.
/// </remarks>
public static class BencodeEncoder
{
    public static byte[] Encode(BencodeValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ArrayBufferWriter<byte>();
        Write(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Encode(BencodeValue value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(output);
        Write(value, output);
    }

    private static void Write(BencodeValue value, IBufferWriter<byte> output)
    {
        if (value.HasRaw)
        {
            output.Write(value.Raw.Span);
            return;
        }

        switch (value)
        {
            case BencodeString text:
                WriteString(text.Bytes.Span, output);
                break;
            case BencodeInteger integer:
                WriteInteger(integer.Value, output);
                break;
            case BencodeList list:
                WriteByte((byte)'l', output);
                foreach (var item in list)
                {
                    Write(item, output);
                }

                WriteByte((byte)'e', output);
                break;
            case BencodeDictionary dictionary:
                WriteByte((byte)'d', output);
                foreach (var entry in dictionary)
                {
                    WriteString(entry.Key.Bytes.Span, output);
                    Write(entry.Value, output);
                }

                WriteByte((byte)'e', output);
                break;
            default:
                throw new ArgumentException($"Unknown bencode value type {value.GetType()}.", nameof(value));
        }
    }

    internal static void WriteInteger(long value, IBufferWriter<byte> output)
    {
        // 'i' + 20 characters of long.MinValue + 'e'
        var span = output.GetSpan(22);
        span[0] = (byte)'i';
        Utf8Formatter.TryFormat(value, span[1..], out var written);
        span[1 + written] = (byte)'e';
        output.Advance(written + 2);
    }

    internal static void WriteString(ReadOnlySpan<byte> value, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(11);
        Utf8Formatter.TryFormat(value.Length, span, out var written);
        span[written] = (byte)':';
        output.Advance(written + 1);
        output.Write(value);
    }

    internal static void WriteByte(byte value, IBufferWriter<byte> output)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }
}
