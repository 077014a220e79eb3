namespace EnterpriseDistrib.Torrent.Swarm.Modes;

/// <summary>No peers, no requests; fast-resume data was saved on the way in.</summary>
internal sealed class StoppedMode(string? reason) : TorrentMode
{
    public override TorrentState State => TorrentState.Stopped;

    /// <summary>Why the torrent stopped when it was not asked to (a disk error), else null.</summary>
    public string? Reason => reason;
}
