using System.CommandLine;

namespace EnterpriseDistrib.Cli.Commands.Torrent;

/// <summary><c>edist torrent ...</c>: create, inspect, verify, download and seed torrents with our engine.</summary>
internal static class TorrentCommand
{
    public static Command Create() => new("torrent", "Create, inspect, verify, download and seed torrents.")
    {
        TorrentCreateCommand.Create(),
        TorrentShowCommand.Create(),
        TorrentVerifyCommand.Create(),
        TorrentDownloadCommand.Create(),
        TorrentSeedCommand.Create(),
    };
}
