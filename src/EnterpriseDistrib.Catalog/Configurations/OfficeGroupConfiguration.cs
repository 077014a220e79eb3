using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EnterpriseDistrib.Catalog.Configurations;

internal sealed class OfficeGroupConfiguration : IEntityTypeConfiguration<OfficeGroup>
{
    public void Configure(EntityTypeBuilder<OfficeGroup> builder)
    {
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Name).HasMaxLength(CatalogLimits.NameLength);
        builder.HasIndex(g => g.Name).IsUnique();
        builder.Property(g => g.Description).HasMaxLength(CatalogLimits.DescriptionLength);
        builder.Property(g => g.Version).IsConcurrencyToken();
        builder.HasMany(g => g.Sites).WithOne().HasForeignKey(m => m.OfficeGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
