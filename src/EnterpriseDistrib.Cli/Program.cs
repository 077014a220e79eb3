using System.CommandLine;
using EnterpriseDistrib.Cli.Commands.Torrent;

var root = new RootCommand("edist: the EnterpriseDistrib admin and developer command line.")
{
    TorrentCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
