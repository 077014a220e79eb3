using Microsoft.Extensions.Configuration;

namespace EnterpriseDistrib.Catalog;

/// <summary>Which database the catalog lives in, read once from configuration.</summary>
/// <param name="Provider"><c>Catalog:Provider</c>: Sqlite (default) or PostgreSql.</param>
/// <param name="ConnectionString"><c>ConnectionStrings:Catalog</c>; for SQLite defaults to a file next to the process.</param>
/// <param name="MigrateOnStartup"><c>Catalog:MigrateOnStartup</c>: apply migrations (or create the SQLite file) when the host starts.</param>
public sealed record CatalogOptions(CatalogProvider Provider, string ConnectionString, bool MigrateOnStartup = true)
{
    public const string SectionName = "Catalog";
    public const string ConnectionStringName = "Catalog";
    public const string DefaultSqliteConnectionString = "Data Source=edist-catalog.db";

    /// <summary>Reads the options; a wrong provider name or a missing PostgreSQL connection string is a typed error saying what to set.</summary>
    public static CatalogOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var providerText = section["Provider"];
        var provider = CatalogProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) &&
            (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider)))
        {
            throw new CatalogConfigurationException(
                $"Catalog:Provider is '{providerText}'; set it to 'Sqlite' or 'PostgreSql'.");
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == CatalogProvider.PostgreSql)
            {
                throw new CatalogConfigurationException(
                    "Catalog:Provider is PostgreSql but ConnectionStrings:Catalog is empty; set it (e.g. the environment variable ConnectionStrings__Catalog).");
            }

            connectionString = DefaultSqliteConnectionString;
        }

        var migrate = section["MigrateOnStartup"];
        var migrateOnStartup = string.IsNullOrWhiteSpace(migrate) || !bool.TryParse(migrate, out var parsed) || parsed;
        return new CatalogOptions(provider, connectionString, migrateOnStartup);
    }
}
