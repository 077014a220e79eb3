using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnterpriseDistrib.Catalog.Audit;

/// <summary>Reads the audit log, and writes entries for changes made outside the catalog's stores.</summary>
/// <remarks>The stores write their own entries in the same save as the change, so a change is never unaudited.</remarks>
public sealed class AuditLog(IDbContextFactory<CatalogDbContext> contexts, TimeProvider time)
{
    public async Task<AuditEntry> AppendAsync(string actor, string action, string targetType, string? targetId, string? details, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var entry = Create(time, actor, action, targetType, targetId, details);
        context.AuditEntries.Add(entry);
        await context.SaveChangesAsync(cancellationToken);
        return entry;
    }

    /// <summary>Newest first; optionally only the entries about one target.</summary>
    public async Task<Page<AuditEntry>> ListAsync(string? targetType, string? targetId, int skip, int take, CancellationToken cancellationToken = default)
    {
        (skip, take) = Paging.Clamp(skip, take);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var query = context.AuditEntries.AsNoTracking();
        if (targetType is not null)
        {
            query = query.Where(a => a.TargetType == targetType);
        }

        if (targetId is not null)
        {
            query = query.Where(a => a.TargetId == targetId);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new Page<AuditEntry>(items, total, skip, take);
    }

    internal static AuditEntry Create(TimeProvider time, string actor, string action, string targetType, string? targetId, string? details)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Details = details,
        };
    }
}
