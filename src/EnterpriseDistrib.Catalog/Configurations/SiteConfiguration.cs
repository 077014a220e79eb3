using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EnterpriseDistrib.Catalog.Configurations;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(CatalogLimits.NameLength);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Property(s => s.Description).HasMaxLength(CatalogLimits.DescriptionLength);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
        builder.Property(s => s.Version).IsConcurrencyToken();

        builder.HasOne<Site>().WithMany().HasForeignKey(s => s.ParentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(s => s.ParentId);

        builder.HasMany(s => s.Ranges).WithOne().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
