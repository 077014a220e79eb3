using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EnterpriseDistrib.Catalog.Configurations;

internal sealed class PackageVersionConfiguration : IEntityTypeConfiguration<PackageVersion>
{
    public void Configure(EntityTypeBuilder<PackageVersion> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.VersionLabel).HasMaxLength(64);
        builder.HasIndex(v => new { v.PackageId, v.VersionLabel }).IsUnique();
        builder.Property(v => v.InfoHash).HasMaxLength(40).IsFixedLength();
        builder.HasIndex(v => v.InfoHash).IsUnique();
        builder.Property(v => v.PublishedBy).HasMaxLength(CatalogLimits.NameLength);
        builder.Property(v => v.ContentState).HasConversion<string>().HasMaxLength(CatalogLimits.EnumLength)
            .HasDefaultValue(PackageContentState.Registered).HasSentinel(PackageContentState.Registered);
        builder.Property(v => v.ContentProblem).HasMaxLength(CatalogLimits.ErrorLength);

        // The origin seeder lists what it must seed by state.
        builder.HasIndex(v => v.ContentState);

        // The file list travels with the version and is never queried on its own: one JSON column.
        builder.OwnsMany(v => v.Files, files =>
        {
            files.ToJson();
            files.Property(f => f.Path).HasMaxLength(4096);
        });

        builder.OwnsOne(v => v.Install, install =>
        {
            install.Property(i => i.Kind).HasConversion<string>().HasMaxLength(CatalogLimits.EnumLength);
            install.Property(i => i.Command).HasMaxLength(1024);
            install.Property(i => i.Arguments).HasMaxLength(4096);
            install.OwnsOne(i => i.Detection, detection =>
            {
                detection.Property(d => d.Kind).HasConversion<string>().HasMaxLength(CatalogLimits.EnumLength);
                detection.Property(d => d.Target).HasMaxLength(1024);
                detection.Property(d => d.Value).HasMaxLength(256);
            });
        });
        builder.Navigation(v => v.Install).IsRequired();
    }
}
