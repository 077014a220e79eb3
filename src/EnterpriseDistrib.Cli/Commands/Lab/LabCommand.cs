using System.CommandLine;
using EnterpriseDistrib.Cli.Terminal;

namespace EnterpriseDistrib.Cli.Commands.Lab;

/// <summary><c>edist lab</c>: a whole multi-office deployment on this machine, end to end, with the WAN-savings report.</summary>
internal static class LabCommand
{
    public static Command Create()
    {
        var sites = new Option<int>("--sites") { Description = "Offices to simulate, each on its own 127.S.0.0/16.", DefaultValueFactory = _ => 3 };
        var agentsPerSite = new Option<int>("--agents-per-site") { Description = "Agents (separate processes) per office.", DefaultValueFactory = _ => 10 };
        var size = new Option<string>("--size") { Description = "Size of the generated package (e.g. 64MiB, 1GiB).", DefaultValueFactory = _ => "1GiB" };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder for the lab's server, agents, package and logs (default ./edist-lab)." };
        var keep = new Option<bool>("--keep") { Description = "Leave the server and agents running after the report, until Ctrl-C." };
        var json = new Option<FileInfo?>("--report-json") { Description = "Also write the final WAN report (the API's JSON) to this file." };
        var timeout = new Option<int>("--timeout-minutes") { Description = "Give up when the rollout has not finished after this long.", DefaultValueFactory = _ => 20 };
        var command = new Command("lab", "Run a control plane and agents over several simulated offices on this machine, roll a package out and report the WAN savings.")
        {
            sites, agentsPerSite, size, data, keep, timeout, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!ByteSize.TryParse(parse.GetValue(size), out var bytes))
            {
                return CliErrors.Fail($"--size {parse.GetValue(size)} is not a size (e.g. 64MiB, 1GiB).");
            }

            var folder = parse.GetValue(data)?.FullName ?? Path.GetFullPath("edist-lab");
            var options = new LabOptions(parse.GetValue(sites), parse.GetValue(agentsPerSite), bytes, folder, parse.GetValue(keep), TimeSpan.FromMinutes(parse.GetValue(timeout)), parse.GetValue(json)?.FullName);
            if (options.Problems().FirstOrDefault() is { } problem)
            {
                return CliErrors.Fail(problem);
            }

            try
            {
                return await new LabRun(options).RunAsync(cancellationToken);
            }
            catch (LabException exception)
            {
                return CliErrors.Fail(exception.Message, CliErrors.Failure);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return CliErrors.Cancelled;
            }
        });
        return command;
    }
}
