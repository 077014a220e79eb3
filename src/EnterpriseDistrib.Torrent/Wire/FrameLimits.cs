using EnterpriseDistrib.Torrent.Pieces;
using EnterpriseDistrib.Torrent.Wire.Messages;

namespace EnterpriseDistrib.Torrent.Wire;

/// <summary>
/// What one torrent's connections accept per message id, checked against a frame's declared length
/// before any of its payload is buffered.
/// </summary>
/// <param name="PieceCount">Fixes the exact bitfield size, ⌈pieces/8⌉ (BEP 3).</param>
public sealed record FrameLimits(int PieceCount)
{
    /// <summary>
    /// Unknown ids are skipped (BEP 3: ignore what you don't understand), but only up to this size; a
    /// bigger unknown frame is treated as hostile.
    /// </summary>
    public int MaxUnknownPayload { get; init; } = 16 * 1024;

    public int BitfieldPayload => Bitfield.ByteCountFor(PieceCount);

    /// <summary>
    /// Checks a frame's declared length (id included) for the given id; throws
    /// <see cref="ProtocolViolationException"/> naming the message when it cannot be right.
    /// </summary>
    public void Check(byte id, uint length)
    {
        var payload = length - 1;
        switch ((MessageId)id)
        {
            case MessageId.Choke or MessageId.Unchoke or MessageId.Interested or MessageId.NotInterested
                or MessageId.HaveAll or MessageId.HaveNone:
                Exactly(id, payload, 0);
                break;
            case MessageId.Have or MessageId.SuggestPiece or MessageId.AllowedFast:
                Exactly(id, payload, 4);
                break;
            case MessageId.Request or MessageId.Cancel or MessageId.RejectRequest:
                Exactly(id, payload, 12);
                break;
            case MessageId.Bitfield:
                // BEP 3: exactly ⌈pieces/8⌉ bytes.
                Exactly(id, payload, (uint)BitfieldPayload);
                break;
            case MessageId.Piece:
                // index + begin + a block of at most 16 KiB, the most we ever request (BEP 3).
                if (payload <= 8 || payload > 8 + BlockRequest.StandardLength)
                {
                    throw new ProtocolViolationException($"A piece message declares {payload} payload bytes; a block is 1..{BlockRequest.StandardLength} bytes after an 8-byte header.");
                }

                break;
            case MessageId.Extended:
                if (payload < 1 || payload > 1 + ExtendedMessage.MaxPayload)
                {
                    throw new ProtocolViolationException($"An extended message declares {payload} payload bytes; the limit is {1 + ExtendedMessage.MaxPayload}.");
                }

                break;
            default:
                if (payload > MaxUnknownPayload)
                {
                    throw new ProtocolViolationException($"A message of unknown id {id} declares {payload} payload bytes; unknown messages are skipped only up to {MaxUnknownPayload}.");
                }

                break;
        }
    }

    /// <summary>The largest frame any id may declare: the bound applied before even the id is read.</summary>
    public uint MaxFrameLength => (uint)Math.Max(Math.Max(9 + BlockRequest.StandardLength, 1 + BitfieldPayload), Math.Max(2 + ExtendedMessage.MaxPayload, 1 + MaxUnknownPayload));

    private static void Exactly(byte id, uint payload, uint expected)
    {
        if (payload != expected)
        {
            throw new ProtocolViolationException($"A {(MessageId)id} message carries {expected} payload bytes, not {payload}.");
        }
    }
}
