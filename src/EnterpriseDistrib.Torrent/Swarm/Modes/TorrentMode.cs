namespace EnterpriseDistrib.Torrent.Swarm.Modes;

/// <summary>
/// One stage of a torrent's life, owning what only that stage does; <see cref="TorrentSession"/> moves
/// between them in one place.
/// </summary>
internal abstract class TorrentMode
{
    public abstract TorrentState State { get; }

    /// <summary>Whether pieces are being requested (fast-resume is saved periodically only then).</summary>
    public virtual bool Downloads => false;

    /// <summary>Whether the swarm is running (peers connected, requests served).</summary>
    public virtual bool ServesPeers => false;

    public virtual Task EnterAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task ExitAsync() => Task.CompletedTask;
}
