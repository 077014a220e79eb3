using System.Buffers;
using System.Buffers.Binary;

namespace EnterpriseDistrib.Torrent.Wire;

/// <summary>Cuts whole frames off the front of a read buffer, checking each declared length first.</summary>
public static class FrameReader
{
    /// <summary>
    /// Takes one whole frame off <paramref name="buffer"/>; false when the next frame is not all there
    /// yet (the caller reads more). A declared length that <paramref name="limits"/> refuses throws
    /// <see cref="ProtocolViolationException"/> as soon as the prefix and id are seen, so a hostile
    /// length is never waited for nor allocated.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, FrameLimits limits, out WireFrame frame)
    {
        ArgumentNullException.ThrowIfNull(limits);
        frame = default;
        if (buffer.Length < WireFormat.LengthPrefixSize)
        {
            return false;
        }

        uint length;
        if (buffer.FirstSpan.Length >= WireFormat.LengthPrefixSize)
        {
            length = BinaryPrimitives.ReadUInt32BigEndian(buffer.FirstSpan);
        }
        else
        {
            Span<byte> prefix = stackalloc byte[WireFormat.LengthPrefixSize];
            buffer.Slice(0, WireFormat.LengthPrefixSize).CopyTo(prefix);
            length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
        }

        if (length > limits.MaxFrameLength)
        {
            throw new ProtocolViolationException($"A frame declares {length} bytes; no message here may exceed {limits.MaxFrameLength}.");
        }

        if (length > 0)
        {
            if (buffer.Length < WireFormat.HeaderSize)
            {
                return false;
            }

            var id = buffer.FirstSpan.Length > WireFormat.LengthPrefixSize
                ? buffer.FirstSpan[WireFormat.LengthPrefixSize]
                : buffer.Slice(WireFormat.LengthPrefixSize, 1).FirstSpan[0];
            limits.Check(id, length);
        }

        var total = WireFormat.LengthPrefixSize + (long)length;
        if (buffer.Length < total)
        {
            return false;
        }

        frame = new WireFrame(buffer.Slice(0, total));
        buffer = buffer.Slice(total);
        return true;
    }
}
