using System.Buffers;

namespace EnterpriseDistrib.Torrent.Wire;

/// <summary>
/// One whole frame as it sits in the connection's read buffer, valid only until the reader advances:
/// handlers copy what they keep.
/// </summary>
/// <param name="Frame">The frame, length prefix included (what each message's TryDecode reads).</param>
public readonly record struct WireFrame(ReadOnlySequence<byte> Frame)
{
    public bool IsKeepAlive => Frame.Length == WireFormat.LengthPrefixSize;

    /// <summary>The message id; meaningless for a keep-alive.</summary>
    public MessageId Id => IsKeepAlive ? default : (MessageId)Frame.Slice(WireFormat.LengthPrefixSize, 1).FirstSpan[0];

    /// <summary>The payload after the id.</summary>
    public ReadOnlySequence<byte> Payload => IsKeepAlive ? default : Frame.Slice(WireFormat.HeaderSize);

    /// <summary>Decodes a small message (≤ 64 bytes) without allocating.</summary>
    public T Decode<T>()
        where T : IWireMessage<T>
    {
        int consumed;
        T message;
        if (Frame.IsSingleSegment)
        {
            if (!T.TryDecode(Frame.FirstSpan, out message, out consumed))
            {
                throw new ProtocolViolationException($"A {typeof(T).Name} frame is incomplete.");
            }

            return message;
        }

        if (Frame.Length > 64)
        {
            var copy = Frame.ToArray();
            return T.TryDecode(copy, out message, out consumed) ? message : throw new ProtocolViolationException($"A {typeof(T).Name} frame is incomplete.");
        }

        Span<byte> buffer = stackalloc byte[(int)Frame.Length];
        Frame.CopyTo(buffer);
        return T.TryDecode(buffer, out message, out consumed) ? message : throw new ProtocolViolationException($"A {typeof(T).Name} frame is incomplete.");
    }
}
