namespace EnterpriseDistrib.Torrent.Wire;

/// <summary>One block of a piece: what <c>request</c>, <c>cancel</c> and <c>reject request</c> name.</summary>
public readonly record struct BlockRequest(int PieceIndex, int Offset, int Length)
{
    /// <summary>
    /// BEP 3: "All current implementations use 2^14 (16 kiB), and close connections which request an
    /// amount greater than that." We ask for 16 KiB and refuse larger requests the same way.
    /// </summary>
    public const int StandardLength = 16 * 1024;
}
