using EnterpriseDistrib.Catalog;
using Microsoft.Data.Sqlite;

namespace EnterpriseDistrib.Server.Hosting;

/// <summary>
/// Where a single-box server keeps its files (origin content, uploads, the generated passkey key): the folder of
/// its SQLite catalog, so <c>edist server --data</c> or the lab's folder holds everything; <c>edist-data</c> otherwise.
/// </summary>
public static class ServerDataFolder
{
    private const string Fallback = "edist-data";

    public static string Resolve(IConfiguration configuration)
    {
        var catalog = CatalogOptions.FromConfiguration(configuration);
        if (catalog.Provider == CatalogProvider.Sqlite
            && new SqliteConnectionStringBuilder(catalog.ConnectionString).DataSource is { Length: > 0 } file
            && file != ":memory:"
            && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            return folder;
        }

        return Path.GetFullPath(Fallback);
    }
}
