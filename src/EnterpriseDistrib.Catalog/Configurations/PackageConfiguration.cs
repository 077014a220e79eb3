using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EnterpriseDistrib.Catalog.Configurations;

internal sealed class PackageConfiguration : IEntityTypeConfiguration<Package>
{
    public void Configure(EntityTypeBuilder<Package> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(CatalogLimits.NameLength);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.Description).HasMaxLength(CatalogLimits.DescriptionLength);
        builder.Property(p => p.CreatedBy).HasMaxLength(CatalogLimits.NameLength);
        builder.Property(p => p.Version).IsConcurrencyToken();
        // A version in use by a rollout must not vanish with its package: delete versions first.
        builder.HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.PackageId).OnDelete(DeleteBehavior.Restrict);
    }
}
