using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EnterpriseDistrib.Catalog.Configurations;

internal sealed class RolloutWaveConfiguration : IEntityTypeConfiguration<RolloutWave>
{
    public void Configure(EntityTypeBuilder<RolloutWave> builder)
    {
        builder.HasKey(w => w.Id);
        builder.HasIndex(w => new { w.RolloutId, w.Ordinal }).IsUnique();
        builder.HasOne<OfficeGroup>().WithMany().HasForeignKey(w => w.OfficeGroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(w => w.OfficeGroupId);
    }
}
