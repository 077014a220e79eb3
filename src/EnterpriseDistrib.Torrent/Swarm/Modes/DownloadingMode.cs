namespace EnterpriseDistrib.Torrent.Swarm.Modes;

/// <summary>Requests missing pieces from peers (and web seeds) and writes them as they verify.</summary>
internal sealed class DownloadingMode(TorrentSwarm swarm, CancellationToken lifetime) : TorrentMode
{
    public override TorrentState State => TorrentState.Downloading;

    public override bool Downloads => true;

    public override bool ServesPeers => true;

    public override Task EnterAsync(CancellationToken cancellationToken)
    {
        swarm.Writer.Start(lifetime);
        swarm.StartDownloading();
        return Task.CompletedTask;
    }

    public override async Task ExitAsync()
    {
        // Writes finish (or are cancelled on stop) before the picker frees the piece buffers they read.
        await swarm.Writer.DrainAsync().ConfigureAwait(false);
        swarm.StopDownloading();
    }
}
