using EnterpriseDistrib.Catalog.Audit;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Errors;
using Microsoft.EntityFrameworkCore;

namespace EnterpriseDistrib.Catalog.Sites;

/// <summary>Sites and their ranges. Every change is audited in the same save.</summary>
public sealed class SiteStore(IDbContextFactory<CatalogDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<Site>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Sites.AsNoTracking().Include(s => s.Ranges).OrderBy(s => s.Name).ToListAsync(cancellationToken);
    }

    public async Task<Site?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Sites.AsNoTracking().Include(s => s.Ranges).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    /// <summary>The site's time zone and business-hours policy (a narrow read: every heartbeat asks); null when it does not exist.</summary>
    public async Task<SiteSchedule?> GetScheduleAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Sites.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.TimeZone, s.BusinessHoursStart, s.BusinessHoursEnd, s.BusinessHoursDownloadBytesPerSecond, s.BusinessHoursUploadBytesPerSecond })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var hours = row.BusinessHoursStart is { } start && row.BusinessHoursEnd is { } end
            ? new BusinessHoursPolicy(start, end, row.BusinessHoursDownloadBytesPerSecond, row.BusinessHoursUploadBytesPerSecond)
            : null;
        return new SiteSchedule(row.TimeZone, hours);
    }

    /// <summary>Every range of every site: the input of site resolution and of the overlap report.</summary>
    public async Task<IReadOnlyList<SiteRangeRow>> ListAllRangesAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.SiteRanges.AsNoTracking()
            .Join(context.Sites, r => r.SiteId, s => s.Id, (r, s) => new SiteRangeRow(s.Id, s.Name, r.Cidr))
            .ToListAsync(cancellationToken);
    }

    public async Task<Site> CreateAsync(SiteDraft draft, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var site = new Site { Id = Guid.CreateVersion7(now), Name = draft.Name, CreatedAt = now, UpdatedAt = now };
        Apply(site, draft);
        await CheckParentAsync(context, site.Id, draft.ParentId, cancellationToken);
        context.Sites.Add(site);
        context.AuditEntries.Add(AuditLog.Create(time, actor, AuditActions.SiteCreate, "site", site.Id.ToString(), Describe(draft)));
        await SaveAsync(context, draft.Name, cancellationToken);
        return site;
    }

    /// <summary>Replaces the site's fields and ranges if it is still at <paramref name="expectedVersion"/>; null when it does not exist.</summary>
    public async Task<Site?> UpdateAsync(Guid id, long expectedVersion, SiteDraft draft, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var site = await context.Sites.Include(s => s.Ranges).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (site is null)
        {
            return null;
        }

        context.Entry(site).Property(s => s.Version).OriginalValue = expectedVersion;
        await CheckParentAsync(context, id, draft.ParentId, cancellationToken);
        site.Name = draft.Name;
        site.UpdatedAt = time.GetUtcNow();
        Apply(site, draft);
        context.AuditEntries.Add(AuditLog.Create(time, actor, AuditActions.SiteUpdate, "site", id.ToString(), Describe(draft)));
        await SaveAsync(context, draft.Name, cancellationToken);
        return site;
    }

    /// <summary>Deletes the site (its ranges and group memberships go with it; its agents become unplaced). False when it does not exist.</summary>
    public async Task<bool> DeleteAsync(Guid id, long? expectedVersion, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var site = await context.Sites.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (site is null)
        {
            return false;
        }

        if (expectedVersion is { } version)
        {
            context.Entry(site).Property(s => s.Version).OriginalValue = version;
        }

        context.Sites.Remove(site);
        context.AuditEntries.Add(AuditLog.Create(time, actor, AuditActions.SiteDelete, "site", id.ToString(), site.Name));
        await SaveAsync(context, site.Name, cancellationToken);
        return true;
    }

    private static void Apply(Site site, SiteDraft draft)
    {
        site.Description = draft.Description;
        site.ParentId = draft.ParentId;
        site.WanCapacityBitsPerSecond = draft.WanCapacityBitsPerSecond;
        site.TimeZone = draft.TimeZone;
        site.BusinessHoursStart = draft.BusinessHours?.Start;
        site.BusinessHoursEnd = draft.BusinessHours?.End;
        site.BusinessHoursDownloadBytesPerSecond = draft.BusinessHours?.DownloadBytesPerSecond ?? 0;
        site.BusinessHoursUploadBytesPerSecond = draft.BusinessHours?.UploadBytesPerSecond ?? 0;

        // Keep rows whose CIDR stays, so an unchanged range is not deleted and re-inserted.
        var wanted = draft.Cidrs.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        site.Ranges.RemoveAll(r => !wanted.Contains(r.Cidr, StringComparer.OrdinalIgnoreCase));
        foreach (var cidr in wanted.Where(c => !site.Ranges.Exists(r => string.Equals(r.Cidr, c, StringComparison.OrdinalIgnoreCase))))
        {
            // No Id here: a set key on a new child of a tracked site would make EF update instead of insert.
            site.Ranges.Add(new SiteRange { SiteId = site.Id, Cidr = cidr });
        }
    }

    private static async Task CheckParentAsync(CatalogDbContext context, Guid siteId, Guid? parentId, CancellationToken cancellationToken)
    {
        if (parentId is not { } parent)
        {
            return;
        }

        // Walk up from the proposed parent: reaching the site itself would make a loop.
        var seen = new HashSet<Guid>();
        Guid? current = parent;
        while (current is { } id)
        {
            if (id == siteId)
            {
                throw new CatalogReferenceException("A site cannot be its own parent or ancestor; choose a parent outside this site's subtree.");
            }

            if (!seen.Add(id))
            {
                break;
            }

            var row = await context.Sites.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.ParentId }).FirstOrDefaultAsync(cancellationToken);
            if (row is null)
            {
                if (id == parent)
                {
                    throw new CatalogReferenceException($"Parent site {parent} does not exist.");
                }

                break;
            }

            current = row.ParentId;
        }
    }

    private static async Task SaveAsync(CatalogDbContext context, string name, CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new CatalogConcurrencyException($"Site '{name}' was changed or deleted by someone else since you read it; reload it and try again.", ex);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new CatalogConflictException($"A site named '{name}' already exists; choose another name.", ex);
        }
    }

    private static string Describe(SiteDraft draft) => $"name={draft.Name}; ranges={string.Join(',', draft.Cidrs)}";
}
