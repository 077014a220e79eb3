namespace EnterpriseDistrib.Torrent.Wire;

/// <summary>Receives the frames a <see cref="PeerSocket"/> reads.</summary>
public interface IFrameHandler
{
    /// <summary>Handles one frame; the bytes are valid only during the call. Throw <see cref="ProtocolViolationException"/> to end the connection.</summary>
    void OnFrame(in WireFrame frame);

    /// <summary>Awaited before every socket read: completes later to hold the socket back (back-pressure).</summary>
    ValueTask BeforeReadAsync(CancellationToken cancellationToken);
}
