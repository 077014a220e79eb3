namespace EnterpriseDistrib.Torrent.Swarm.Modes;

/// <summary>Every piece is verified: serve them to whoever asks, and keep doing so until stopped.</summary>
internal sealed class SeedingMode : TorrentMode
{
    public override TorrentState State => TorrentState.Seeding;

    public override bool ServesPeers => true;
}
