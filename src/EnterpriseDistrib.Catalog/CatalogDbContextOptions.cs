using Microsoft.EntityFrameworkCore;

namespace EnterpriseDistrib.Catalog;

/// <summary>Points a <see cref="DbContextOptionsBuilder"/> at the configured provider, the same way for the host, the CLI and tests.</summary>
public static class CatalogDbContextOptions
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, CatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        _ = options.Provider switch
        {
            CatalogProvider.PostgreSql => builder.UseNpgsql(options.ConnectionString,
                npgsql => npgsql.MigrationsAssembly(typeof(CatalogDbContext).Assembly.GetName().Name)),
            CatalogProvider.Sqlite => builder.UseSqlite(options.ConnectionString),
            _ => throw new CatalogConfigurationException($"Unknown catalog provider {options.Provider}."),
        };
        return builder.UseSnakeCaseNamingConvention();
    }

    /// <summary>Options for one context outside dependency injection (CLI, tests).</summary>
    public static DbContextOptions<CatalogDbContext> Create(CatalogOptions options)
    {
        var builder = new DbContextOptionsBuilder<CatalogDbContext>();
        Configure(builder, options);
        return builder.Options;
    }
}
