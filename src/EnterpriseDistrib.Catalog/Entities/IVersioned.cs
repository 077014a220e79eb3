namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>
/// An entity that two writers can race on: <see cref="Version"/> is its concurrency token, raised by
/// <see cref="CatalogDbContext"/> on every save, so a stale update fails instead of silently winning.
/// </summary>
/// <remarks>A plain column rather than PostgreSQL's xmin so the same rule holds on SQLite.</remarks>
public interface IVersioned
{
    /// <summary>Raised by one on every saved change; callers send back the value they read (an ETag).</summary>
    long Version { get; set; }
}
