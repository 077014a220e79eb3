using Microsoft.EntityFrameworkCore.Design;

namespace EnterpriseDistrib.Catalog;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a host. It does not connect:
/// the connection string only has to parse (EDIST_CATALOG_CONNECTION overrides it for <c>dotnet ef database update</c>).
/// </summary>
internal sealed class DesignTimeCatalogDbContextFactory : IDesignTimeDbContextFactory<CatalogDbContext>
{
    public CatalogDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("EDIST_CATALOG_CONNECTION")
            ?? "Host=127.0.0.1;Database=edist;Username=postgres";
        return new CatalogDbContext(CatalogDbContextOptions.Create(new CatalogOptions(CatalogProvider.PostgreSql, connectionString)));
    }
}
