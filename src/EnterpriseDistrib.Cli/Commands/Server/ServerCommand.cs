using System.CommandLine;
using Microsoft.Extensions.Hosting;
using EnterpriseDistrib.Catalog;
using EnterpriseDistrib.Cli.Terminal;
using EnterpriseDistrib.Server.Hosting;

namespace EnterpriseDistrib.Cli.Commands.Server;

/// <summary>
/// <c>edist server</c>: runs the control plane in this process (the Server project is referenced, not launched).
/// Defaults to the embedded single box: SQLite in a data folder, one silo, development auth on loopback.
/// </summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls")
        {
            Description = "Addresses to listen on, ';'-separated (default http://127.0.0.1:5080). Development auth refuses non-loopback addresses.",
        };
        var environment = new Option<string>("--environment")
        {
            Description = "Host environment: Development (embedded defaults) or Production (PostgreSQL, ADO.NET clustering, Entra ID).",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Development",
        };
        var data = new Option<DirectoryInfo?>("--data")
        {
            Description = "Folder for the embedded SQLite catalog (default ./edist-data).",
        };
        var command = new Command("server", "Run the control plane: REST API, Orleans silo and catalog in one process.")
        {
            urls,
            environment,
            data,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var args = new List<string> { "--environment", parse.GetValue(environment)! };
            if (parse.GetValue(urls) is { } listen)
            {
                args.AddRange(["--urls", listen]);
            }

            if (parse.GetValue(data) is { } folder)
            {
                args.Add($"--ConnectionStrings:Catalog=Data Source={Path.Combine(folder.FullName, "catalog.db")}");
            }

            try
            {
                // appsettings*.json of the Server project are copied next to edist.
                await using var app = ServerHost.Build([.. args], AppContext.BaseDirectory);
                await app.StartAsync(cancellationToken);
                await app.WaitForShutdownAsync(cancellationToken);
                return 0;
            }
            catch (Exception exception) when (exception is ServerConfigurationException or CatalogConfigurationException)
            {
                return CliErrors.Fail(exception.Message, CliErrors.Failure);
            }
        });
        return command;
    }
}
