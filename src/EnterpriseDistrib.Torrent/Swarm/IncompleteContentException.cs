namespace EnterpriseDistrib.Torrent.Swarm;

/// <summary>A torrent added to seed only (<see cref="TorrentOptions.SeedOnly"/>) whose content does not fully verify.</summary>
public sealed class IncompleteContentException : InvalidOperationException
{
    public IncompleteContentException()
    {
    }

    public IncompleteContentException(string message)
        : base(message)
    {
    }

    public IncompleteContentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int VerifiedPieces { get; init; }

    public int PieceCount { get; init; }
}
