namespace EnterpriseDistrib.Torrent.Hashing;

/// <summary>Receives each piece's outcome from the hashing workers; called concurrently, once per piece.</summary>
internal interface IPieceHashSink
{
    void OnHashed(int piece, ReadOnlySpan<byte> digest);

    /// <summary>Some byte of the piece could not be read (missing or short file); only when tolerated.</summary>
    void OnUnreadable(int piece);
}
