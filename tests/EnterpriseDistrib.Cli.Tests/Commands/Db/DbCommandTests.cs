using System.Net;
using System.Net.Sockets;

namespace EnterpriseDistrib.Cli.Tests.Commands.Db;

/// <summary>
/// <c>edist db migrate</c> through the real program. The PostgreSQL path is covered against a real server by
/// the catalog's migration tests (same CatalogMigrator); here: the SQLite path, and the failures a person sees.
/// </summary>
public sealed class DbCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edist-db-").FullName;

    [Fact]
    public async Task Migrate_creates_a_sqlite_catalog_and_then_finds_it_up_to_date()
    {
        var file = Path.Combine(_folder, "nested", "catalog.db");

        var first = await EdistProcess.RunAsync("db", "migrate", "--provider", "Sqlite", "--connection", $"Data Source={file}");
        var second = await EdistProcess.RunAsync("db", "migrate", "--provider", "Sqlite", "--connection", $"Data Source={file}");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Created the Sqlite catalog", first.Output, StringComparison.Ordinal);
        Assert.True(new FileInfo(file).Length > 0);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("up to date", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_without_a_connection_string_says_how_to_give_one()
    {
        var result = await EdistProcess.RunAsync("db", "migrate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--connection", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_against_an_unreachable_server_fails_with_one_line_and_exit_code_1()
    {
        // A port nobody listens on: bind one, note it, release it.
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var result = await EdistProcess.RunAsync("db", "migrate", "--connection", $"Host=127.0.0.1;Port={port};Username=postgres;Timeout=5");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("edist: could not migrate the PostgreSql catalog", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }
}
