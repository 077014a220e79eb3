using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EnterpriseDistrib.Catalog.Configurations;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Hostname).HasMaxLength(CatalogLimits.HostnameLength);
        builder.Property(a => a.OperatingSystem).HasMaxLength(CatalogLimits.NameLength);
        builder.Property(a => a.AgentVersion).HasMaxLength(64);
        builder.Property(a => a.SiteReason).HasMaxLength(CatalogLimits.ReasonLength);
        builder.Property(a => a.LastAddress).HasMaxLength(64);
        builder.Property(a => a.CredentialHash).HasMaxLength(64);
        builder.Ignore(a => a.IsRevoked);
        builder.Property(a => a.Version).IsConcurrencyToken();

        builder.HasOne<Site>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<EnrollmentToken>().WithMany().HasForeignKey(a => a.EnrollmentTokenId).OnDelete(DeleteBehavior.SetNull);

        builder.HasIndex(a => a.CredentialHash).IsUnique();
        // The agent list filters by site and pages by hostname.
        builder.HasIndex(a => new { a.SiteId, a.Hostname });
        builder.HasIndex(a => a.Hostname);
        builder.HasIndex(a => a.LastSeenAt);
    }
}
