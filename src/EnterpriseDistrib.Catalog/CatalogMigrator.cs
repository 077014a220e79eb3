using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EnterpriseDistrib.Catalog;

/// <summary>Brings a catalog database up to the current schema: PostgreSQL by its migrations, SQLite from the model.</summary>
public sealed class CatalogMigrator(IDbContextFactory<CatalogDbContext> contexts, CatalogOptions options)
{
    /// <summary>Applies what is missing and returns the names of the migrations applied (for SQLite, "EnsureCreated" when it created the file).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await MigrateAsync(context, options.Provider, cancellationToken);
    }

    /// <summary>The same without dependency injection, for <c>edist db migrate</c> and test fixtures.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(CatalogOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var context = new CatalogDbContext(CatalogDbContextOptions.Create(options));
        return await MigrateAsync(context, options.Provider, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> MigrateAsync(CatalogDbContext context, CatalogProvider provider, CancellationToken cancellationToken)
    {
        if (provider == CatalogProvider.PostgreSql)
        {
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await context.Database.MigrateAsync(cancellationToken);
            return pending;
        }

        EnsureSqliteFolder(context.Database.GetConnectionString());
        var created = await context.Database.EnsureCreatedAsync(cancellationToken);
        // Readers keep reading while the status writer writes.
        await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        return created ? ["EnsureCreated"] : [];
    }

    private static void EnsureSqliteFolder(string? connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
