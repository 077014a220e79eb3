using EnterpriseDistrib.Catalog.Audit;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Errors;
using Microsoft.EntityFrameworkCore;

namespace EnterpriseDistrib.Catalog.OfficeGroups;

/// <summary>Office groups and their member sites. Every change is audited in the same save.</summary>
public sealed class OfficeGroupStore(IDbContextFactory<CatalogDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<OfficeGroup>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.OfficeGroups.AsNoTracking().Include(g => g.Sites).OrderBy(g => g.Name).ToListAsync(cancellationToken);
    }

    public async Task<OfficeGroup?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.OfficeGroups.AsNoTracking().Include(g => g.Sites).FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
    }

    /// <summary>Group id → its member site ids, for every group: the input of the assignment rules.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlySet<Guid>>> GetMembershipAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.OfficeGroupSites.AsNoTracking().ToListAsync(cancellationToken);
        var groupIds = await context.OfficeGroups.AsNoTracking().Select(g => g.Id).ToListAsync(cancellationToken);
        var membership = groupIds.ToDictionary(id => id, _ => (IReadOnlySet<Guid>)new HashSet<Guid>());
        foreach (var row in rows)
        {
            ((HashSet<Guid>)membership[row.OfficeGroupId]).Add(row.SiteId);
        }

        return membership;
    }

    /// <summary>The groups a site belongs to.</summary>
    public async Task<IReadOnlyList<Guid>> ListGroupIdsOfSiteAsync(Guid siteId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.OfficeGroupSites.AsNoTracking().Where(m => m.SiteId == siteId).Select(m => m.OfficeGroupId).ToListAsync(cancellationToken);
    }

    public async Task<OfficeGroup> CreateAsync(OfficeGroupDraft draft, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await CheckSitesExistAsync(context, draft.SiteIds, cancellationToken);
        var now = time.GetUtcNow();
        var group = new OfficeGroup { Id = Guid.CreateVersion7(now), Name = draft.Name, Description = draft.Description, CreatedAt = now, UpdatedAt = now };
        SetMembers(group, draft.SiteIds);
        context.OfficeGroups.Add(group);
        context.AuditEntries.Add(AuditLog.Create(time, actor, AuditActions.OfficeGroupCreate, "office-group", group.Id.ToString(), Describe(draft)));
        await SaveAsync(context, draft.Name, cancellationToken);
        return group;
    }

    /// <summary>Replaces name, description and members if the group is still at <paramref name="expectedVersion"/>; null when it does not exist.</summary>
    public async Task<OfficeGroup?> UpdateAsync(Guid id, long expectedVersion, OfficeGroupDraft draft, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await context.OfficeGroups.Include(g => g.Sites).FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return null;
        }

        await CheckSitesExistAsync(context, draft.SiteIds, cancellationToken);
        context.Entry(group).Property(g => g.Version).OriginalValue = expectedVersion;
        group.Name = draft.Name;
        group.Description = draft.Description;
        group.UpdatedAt = time.GetUtcNow();
        SetMembers(group, draft.SiteIds);
        context.AuditEntries.Add(AuditLog.Create(time, actor, AuditActions.OfficeGroupUpdate, "office-group", id.ToString(), Describe(draft)));
        await SaveAsync(context, draft.Name, cancellationToken);
        return group;
    }

    /// <summary>Deletes the group; refused with a conflict while a rollout wave still targets it.</summary>
    public async Task<bool> DeleteAsync(Guid id, long? expectedVersion, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await context.OfficeGroups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return false;
        }

        if (await context.RolloutWaves.AnyAsync(w => w.OfficeGroupId == id, cancellationToken))
        {
            throw new CatalogConflictException($"Office group '{group.Name}' is targeted by a rollout wave; cancel or delete those rollouts first.");
        }

        if (expectedVersion is { } version)
        {
            context.Entry(group).Property(g => g.Version).OriginalValue = version;
        }

        context.OfficeGroups.Remove(group);
        context.AuditEntries.Add(AuditLog.Create(time, actor, AuditActions.OfficeGroupDelete, "office-group", id.ToString(), group.Name));
        await SaveAsync(context, group.Name, cancellationToken);
        return true;
    }

    private static void SetMembers(OfficeGroup group, IReadOnlyList<Guid> siteIds)
    {
        var wanted = siteIds.ToHashSet();
        group.Sites.RemoveAll(m => !wanted.Contains(m.SiteId));
        foreach (var siteId in wanted.Where(id => !group.Sites.Exists(m => m.SiteId == id)))
        {
            group.Sites.Add(new OfficeGroupSite { OfficeGroupId = group.Id, SiteId = siteId });
        }
    }

    private static async Task CheckSitesExistAsync(CatalogDbContext context, IReadOnlyList<Guid> siteIds, CancellationToken cancellationToken)
    {
        var wanted = siteIds.Distinct().ToList();
        var found = await context.Sites.AsNoTracking().Where(s => wanted.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken);
        var missing = wanted.Except(found).ToList();
        if (missing.Count > 0)
        {
            throw new CatalogReferenceException($"Unknown site(s): {string.Join(", ", missing)}. Create them first or remove them from the group.");
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
            throw new CatalogConcurrencyException($"Office group '{name}' was changed or deleted by someone else since you read it; reload it and try again.", ex);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new CatalogConflictException($"An office group named '{name}' already exists; choose another name.", ex);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsForeignKeyViolation(ex))
        {
            throw new CatalogReferenceException($"A site of office group '{name}' was deleted meanwhile; reload the sites and try again.", ex);
        }
    }

    private static string Describe(OfficeGroupDraft draft) => $"name={draft.Name}; sites={string.Join(',', draft.SiteIds)}";
}
