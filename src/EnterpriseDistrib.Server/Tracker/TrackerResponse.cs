using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace EnterpriseDistrib.Server.Tracker;

/// <summary>
/// Writes tracker answers as canonical bencode straight into the response's pipe: keys in ascending byte order
/// (BEP 3), no intermediate tree. Every refusal is a <c>failure reason</c> with HTTP 200, as clients expect.
/// </summary>
internal ref struct TrackerResponse(IBufferWriter<byte> output)
{
    private readonly IBufferWriter<byte> _output = output;

    public static void Failure(IBufferWriter<byte> output, string reason)
    {
        var writer = new TrackerResponse(output);
        writer.Raw("d"u8);
        writer.String("failure reason"u8);
        writer.String(reason);
        writer.Raw("e"u8);
    }

    public void Raw(ReadOnlySpan<byte> bytes) => _output.Write(bytes);

    public void Integer(long value)
    {
        var span = _output.GetSpan(22);
        span[0] = (byte)'i';
        Utf8Formatter.TryFormat(value, span[1..], out var written);
        span[1 + written] = (byte)'e';
        _output.Advance(written + 2);
    }

    public void String(ReadOnlySpan<byte> value)
    {
        var span = _output.GetSpan(11);
        Utf8Formatter.TryFormat(value.Length, span, out var written);
        span[written] = (byte)':';
        _output.Advance(written + 1);
        _output.Write(value);
    }

    public void String(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        String(bytes);
    }
}
