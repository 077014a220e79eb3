using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EnterpriseDistrib.Catalog.Configurations;

internal sealed class OfficeGroupSiteConfiguration : IEntityTypeConfiguration<OfficeGroupSite>
{
    public void Configure(EntityTypeBuilder<OfficeGroupSite> builder)
    {
        builder.HasKey(m => new { m.OfficeGroupId, m.SiteId });
        builder.HasOne<Site>().WithMany().HasForeignKey(m => m.SiteId).OnDelete(DeleteBehavior.Cascade);
        // Assignment lookups go from an agent's site to its groups.
        builder.HasIndex(m => m.SiteId);
    }
}
