using System.CommandLine;
using EnterpriseDistrib.Cli.Commands.Db;
using EnterpriseDistrib.Cli.Commands.Lab;
using EnterpriseDistrib.Cli.Commands.Publish;
using EnterpriseDistrib.Cli.Commands.Report;
using EnterpriseDistrib.Cli.Commands.Server;
using EnterpriseDistrib.Cli.Commands.Torrent;
using EnterpriseDistrib.Cli.Terminal;

var root = new RootCommand("edist: the EnterpriseDistrib admin and developer command line.")
{
    TorrentCommand.Create(),
    DbCommand.Create(),
    ServerCommand.Create(),
    PublishCommand.Create(),
    LabCommand.Create(),
    ReportCommand.Create(),
};

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OperationCanceledException)
{
    return CliErrors.Fail("cancelled.", CliErrors.Cancelled);
}
catch (Exception error) when (CliErrors.IsUserFacing(error))
{
    return CliErrors.Fail(error.Message, CliErrors.Failure);
}
