using EnterpriseDistrib.Catalog.Audit;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Errors;
using Microsoft.EntityFrameworkCore;

namespace EnterpriseDistrib.Catalog.Packages;

/// <summary>Packages and their published versions (torrent + install spec).</summary>
public sealed class PackageStore(IDbContextFactory<CatalogDbContext> contexts, TimeProvider time)
{
    public async Task<Package> CreatePackageAsync(string name, string? description, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var package = new Package { Id = Guid.CreateVersion7(now), Name = name, Description = description, CreatedAt = now, CreatedBy = actor };
        context.Packages.Add(package);
        context.AuditEntries.Add(AuditLog.Create(time, actor, AuditActions.PackageCreate, "package", package.Id.ToString(), $"name={name}"));
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new CatalogConflictException($"A package named '{name}' already exists; add a version to it instead.", ex);
        }

        return package;
    }

    /// <summary>Packages by name (without their versions).</summary>
    public async Task<IReadOnlyList<Package>> ListPackagesAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Packages.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
    }

    public async Task<Package?> GetPackageAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Packages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    /// <summary>
    /// Registers a version. The caller fills torrent facts (info-hash as 40 lowercase hex, sizes, files, bytes)
    /// and the install spec; id, package and publish time are set here.
    /// </summary>
    public async Task<PackageVersion> AddVersionAsync(Guid packageId, PackageVersion version, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await context.Packages.AnyAsync(p => p.Id == packageId, cancellationToken))
        {
            throw new CatalogReferenceException($"Package {packageId} does not exist; create it first.");
        }

        var now = time.GetUtcNow();
        version.Id = Guid.CreateVersion7(now);
        version.PackageId = packageId;
        version.PublishedAt = now;
        version.PublishedBy = actor;
        version.InfoHash = version.InfoHash.ToLowerInvariant();
        context.PackageVersions.Add(version);
        context.AuditEntries.Add(AuditLog.Create(time, actor, AuditActions.PackageVersionRegister, "package-version", version.Id.ToString(),
            $"package={packageId}; version={version.VersionLabel}; infoHash={version.InfoHash}; size={version.TotalSize}"));
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new CatalogConflictException(
                $"Version '{version.VersionLabel}' of this package or a version with info-hash {version.InfoHash} is already registered.", ex);
        }

        return version;
    }

    /// <summary>The full version, torrent bytes included.</summary>
    public async Task<PackageVersion?> GetVersionAsync(Guid versionId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.PackageVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
    }

    /// <summary>The full version with this info-hash (any case of hex), torrent bytes included.</summary>
    public async Task<PackageVersion?> FindVersionByInfoHashAsync(string infoHashHex, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(infoHashHex);
        var hex = infoHashHex.ToLowerInvariant();
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.PackageVersions.AsNoTracking().FirstOrDefaultAsync(v => v.InfoHash == hex, cancellationToken);
    }

    /// <summary>The versions of a package, newest first, without torrent bytes.</summary>
    public async Task<IReadOnlyList<PackageVersionSummary>> ListVersionsAsync(Guid packageId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.PackageVersions.AsNoTracking()
            .Where(v => v.PackageId == packageId)
            .OrderByDescending(v => v.PublishedAt)
            .Select(v => new PackageVersionSummary(v.Id, v.PackageId, v.VersionLabel, v.InfoHash, v.TotalSize, v.PieceLength,
                v.Files.Count, v.Install.Kind, v.PublishedAt, v.PublishedBy, v.ContentState))
            .ToListAsync(cancellationToken);
        return rows;
    }
}
