using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EnterpriseDistrib.Catalog.Configurations;

internal sealed class RolloutConfiguration : IEntityTypeConfiguration<Rollout>
{
    public void Configure(EntityTypeBuilder<Rollout> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Name).HasMaxLength(CatalogLimits.NameLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(CatalogLimits.EnumLength);
        builder.Property(r => r.CreatedBy).HasMaxLength(CatalogLimits.NameLength);
        builder.Property(r => r.StatusReason).HasMaxLength(CatalogLimits.ReasonLength);
        builder.Property(r => r.Version).IsConcurrencyToken();

        builder.HasOne<PackageVersion>().WithMany().HasForeignKey(r => r.PackageVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Waves).WithOne().HasForeignKey(w => w.RolloutId).OnDelete(DeleteBehavior.Cascade);

        // Assignments read the active rollouts; lists page by creation time.
        builder.HasIndex(r => r.Status);
        builder.HasIndex(r => r.CreatedAt);
        builder.HasIndex(r => r.PackageVersionId);
    }
}
