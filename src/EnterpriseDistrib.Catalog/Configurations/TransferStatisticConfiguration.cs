using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EnterpriseDistrib.Catalog.Configurations;

internal sealed class TransferStatisticConfiguration : IEntityTypeConfiguration<TransferStatistic>
{
    public void Configure(EntityTypeBuilder<TransferStatistic> builder)
    {
        builder.ToTable(TransferTable.Name);
        builder.HasKey(t => new { t.RolloutId, t.AgentId, t.SourceClass, t.SourceSiteId });
        builder.Property(t => t.SourceClass).HasConversion<string>().HasMaxLength(CatalogLimits.EnumLength);

        builder.HasOne<Rollout>().WithMany().HasForeignKey(t => t.RolloutId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agent>().WithMany().HasForeignKey(t => t.AgentId).OnDelete(DeleteBehavior.Cascade);

        // Savings reports group by receiving site, per rollout or across all rollouts.
        builder.HasIndex(t => new { t.RolloutId, t.SiteId });
        builder.HasIndex(t => t.SiteId);
        builder.HasIndex(t => t.AgentId);
    }
}
