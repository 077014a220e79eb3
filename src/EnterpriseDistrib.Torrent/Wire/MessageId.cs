namespace EnterpriseDistrib.Torrent.Wire;

/// <summary>The one-byte message ids of the peer wire protocol.</summary>
public enum MessageId : byte
{
    // BEP 3.
    Choke = 0,
    Unchoke = 1,
    Interested = 2,
    NotInterested = 3,
    Have = 4,
    Bitfield = 5,
    Request = 6,
    Piece = 7,
    Cancel = 8,

    // BEP 6 (Fast extension).
    SuggestPiece = 0x0D,
    HaveAll = 0x0E,
    HaveNone = 0x0F,
    RejectRequest = 0x10,
    AllowedFast = 0x11,

    // BEP 10 (extension protocol).
    Extended = 20,
}
