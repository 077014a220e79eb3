using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EnterpriseDistrib.Catalog.Configurations;

internal sealed class AgentRolloutStatusConfiguration : IEntityTypeConfiguration<AgentRolloutStatus>
{
    public void Configure(EntityTypeBuilder<AgentRolloutStatus> builder)
    {
        // Table and column names are fixed because StatusReportWriter upserts into them with raw SQL.
        builder.ToTable(StatusTable.Name);
        builder.HasKey(s => new { s.RolloutId, s.AgentId });
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(CatalogLimits.EnumLength);
        builder.Property(s => s.Error).HasMaxLength(CatalogLimits.ErrorLength);

        builder.HasOne<Rollout>().WithMany().HasForeignKey(s => s.RolloutId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agent>().WithMany().HasForeignKey(s => s.AgentId).OnDelete(DeleteBehavior.Cascade);

        // Progress per site and state is one index range scan per rollout.
        builder.HasIndex(s => new { s.RolloutId, s.SiteId, s.State });
        builder.HasIndex(s => s.AgentId);
    }
}
