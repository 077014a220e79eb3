using System.Buffers.Binary;

namespace EnterpriseDistrib.Torrent.Wire;

/// <summary>The framing every BEP 3 message shares: <c>&lt;length prefix&gt;&lt;message id&gt;&lt;payload&gt;</c>.</summary>
internal static class WireFormat
{
    public const int LengthPrefixSize = 4;
    public const int HeaderSize = LengthPrefixSize + 1;

    /// <summary>Writes the length prefix (id + payload) and the id; returns where the payload starts.</summary>
    public static int WriteHeader(Span<byte> destination, MessageId id, int payloadLength)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, payloadLength + 1);
        destination[LengthPrefixSize] = (byte)id;
        return HeaderSize;
    }

    /// <summary>
    /// Reads a frame whose payload must be exactly <paramref name="payloadLength"/> bytes; false when it
    /// is not all there yet.
    /// </summary>
    public static bool TryReadFixed(ReadOnlySpan<byte> source, MessageId id, int payloadLength, out ReadOnlySpan<byte> payload, out int consumed)
    {
        payload = default;
        consumed = 0;
        if (source.Length < HeaderSize)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(source);
        if (source[LengthPrefixSize] != (byte)id)
        {
            throw new ProtocolViolationException($"Expected a {id} message (id {(byte)id}), got id {source[LengthPrefixSize]}.");
        }

        if (length != (uint)payloadLength + 1)
        {
            throw new ProtocolViolationException($"A {id} message is {payloadLength + 1} bytes long, not {length}.");
        }

        if (source.Length < LengthPrefixSize + (int)length)
        {
            return false;
        }

        payload = source.Slice(HeaderSize, payloadLength);
        consumed = LengthPrefixSize + (int)length;
        return true;
    }

    /// <summary>Reads the header of a variable-length frame: its payload length, checked against <paramref name="maxPayload"/> before anything is buffered.</summary>
    public static bool TryReadVariable(ReadOnlySpan<byte> source, MessageId id, int minPayload, int maxPayload, out ReadOnlySpan<byte> payload, out int consumed)
    {
        payload = default;
        consumed = 0;
        if (source.Length < HeaderSize)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(source);
        if (source[LengthPrefixSize] != (byte)id)
        {
            throw new ProtocolViolationException($"Expected a {id} message (id {(byte)id}), got id {source[LengthPrefixSize]}.");
        }

        if (length < (uint)minPayload + 1 || length > (uint)maxPayload + 1)
        {
            throw new ProtocolViolationException($"A {id} message of {length} bytes is outside {minPayload + 1}..{maxPayload + 1}.");
        }

        if (source.Length < LengthPrefixSize + (int)length)
        {
            return false;
        }

        payload = source.Slice(HeaderSize, (int)length - 1);
        consumed = LengthPrefixSize + (int)length;
        return true;
    }
}
