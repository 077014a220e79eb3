using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EnterpriseDistrib.Catalog.Configurations;

internal sealed class SiteRangeConfiguration : IEntityTypeConfiguration<SiteRange>
{
    public void Configure(EntityTypeBuilder<SiteRange> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Cidr).HasMaxLength(CatalogLimits.CidrLength);
        builder.HasIndex(r => new { r.SiteId, r.Cidr }).IsUnique();
        builder.HasIndex(r => r.Cidr);
    }
}
