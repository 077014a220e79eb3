namespace EnterpriseDistrib.Catalog;

/// <summary>Which database holds the catalog.</summary>
public enum CatalogProvider
{
    /// <summary>The embedded single-box default: a local file, created from the model.</summary>
    Sqlite = 1,

    /// <summary>Production: schema from the checked-in migrations.</summary>
    PostgreSql = 2,
}
