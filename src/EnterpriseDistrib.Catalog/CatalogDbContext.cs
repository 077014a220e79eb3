using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EnterpriseDistrib.Catalog;

/// <summary>The catalog's EF Core context; one model for PostgreSQL (migrations) and SQLite (created from the model).</summary>
public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public DbSet<Site> Sites => Set<Site>();

    public DbSet<SiteRange> SiteRanges => Set<SiteRange>();

    public DbSet<OfficeGroup> OfficeGroups => Set<OfficeGroup>();

    public DbSet<OfficeGroupSite> OfficeGroupSites => Set<OfficeGroupSite>();

    public DbSet<Agent> Agents => Set<Agent>();

    public DbSet<EnrollmentToken> EnrollmentTokens => Set<EnrollmentToken>();

    public DbSet<Package> Packages => Set<Package>();

    public DbSet<PackageVersion> PackageVersions => Set<PackageVersion>();

    public DbSet<Rollout> Rollouts => Set<Rollout>();

    public DbSet<RolloutWave> RolloutWaves => Set<RolloutWave>();

    public DbSet<AgentRolloutStatus> AgentRolloutStatuses => Set<AgentRolloutStatus>();

    public DbSet<TransferStatistic> TransferStatistics => Set<TransferStatistic>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RaiseVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RaiseVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps DateTimeOffset as text, which it can neither order nor compare in SQL;
        // as UTC ticks it can, and the order of UTC values is kept.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    /// <summary>
    /// Raises the concurrency token of every changed versioned entity; the original value stays the WHERE check.
    /// Stores set UpdatedAt on the root whenever they change its ranges or members, so the root is Modified too.
    /// </summary>
    private void RaiseVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }
    }
}
