namespace EnterpriseDistrib.Torrent.Swarm.Modes;

/// <summary>Where a torrent is in its life; each value has one <see cref="TorrentMode"/>.</summary>
public enum TorrentState
{
    Checking,
    Downloading,
    Seeding,
    Stopped,
}
