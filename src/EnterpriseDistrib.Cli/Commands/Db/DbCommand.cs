using System.CommandLine;
using System.Data.Common;
using EnterpriseDistrib.Catalog;
using EnterpriseDistrib.Cli.Terminal;

namespace EnterpriseDistrib.Cli.Commands.Db;

/// <summary><c>edist db ...</c>: operate on the catalog database.</summary>
internal static class DbCommand
{
    public static Command Create() => new("db", "Operate on the catalog database.")
    {
        CreateMigrate(),
    };

    /// <summary>
    /// <c>edist db migrate [--connection cs] [--provider PostgreSql|Sqlite]</c>: applies the checked-in PostgreSQL
    /// migrations (or creates the SQLite catalog). Falls back to the server's settings in the environment
    /// (<c>ConnectionStrings__Catalog</c>, <c>Catalog__Provider</c>) so it runs the same way as the host would.
    /// </summary>
    private static Command CreateMigrate()
    {
        var connection = new Option<string?>("--connection", "-c")
        {
            Description = "Catalog connection string (default: the ConnectionStrings__Catalog environment variable).",
        };
        var provider = new Option<CatalogProvider?>("--provider")
        {
            Description = "PostgreSql or Sqlite (default: the Catalog__Provider environment variable, else PostgreSql).",
        };
        var command = new Command("migrate", "Bring the catalog database up to the current schema.") { connection, provider };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosenProvider = parse.GetValue(provider) ?? ProviderFromEnvironment();
            if (chosenProvider is null)
            {
                return CliErrors.Fail("Catalog__Provider must be PostgreSql or Sqlite.");
            }

            var connectionString = parse.GetValue(connection) ?? Environment.GetEnvironmentVariable("ConnectionStrings__Catalog");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                return CliErrors.Fail("no connection string: pass --connection \"Host=...;Database=...;Username=...\" or set ConnectionStrings__Catalog.");
            }

            var options = new CatalogOptions(chosenProvider.Value, connectionString);
            IReadOnlyList<string> applied;
            try
            {
                applied = await CatalogMigrator.MigrateAsync(options, cancellationToken);
            }
            catch (Exception error) when (error is DbException or CatalogConfigurationException || error.InnerException is DbException)
            {
                return CliErrors.Fail($"could not migrate the {chosenProvider} catalog: {(error.InnerException as DbException ?? error).Message}", CliErrors.Failure);
            }

            Console.Out.WriteLine((applied.Count, chosenProvider) switch
            {
                (0, _) => $"The {chosenProvider} catalog is up to date.",
                (_, CatalogProvider.Sqlite) => "Created the Sqlite catalog from the model.",
                _ => $"Applied {applied.Count} migration(s) to the {chosenProvider} catalog: {string.Join(", ", applied)}.",
            });
            return 0;
        });
        return command;
    }

    private static CatalogProvider? ProviderFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable("Catalog__Provider");
        if (string.IsNullOrWhiteSpace(text))
        {
            return CatalogProvider.PostgreSql;
        }

        return Enum.TryParse<CatalogProvider>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
    }
}
