using EnterpriseDistrib.Catalog.Audit;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Errors;
using Microsoft.EntityFrameworkCore;

namespace EnterpriseDistrib.Catalog.Rollouts;

/// <summary>Rollouts and their waves. Status moves are checked by the control plane's state machine before they get here.</summary>
public sealed class RolloutStore(IDbContextFactory<CatalogDbContext> contexts, TimeProvider time)
{
    public async Task<Rollout> CreateAsync(RolloutDraft draft, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await context.PackageVersions.AnyAsync(v => v.Id == draft.PackageVersionId, cancellationToken))
        {
            throw new CatalogReferenceException($"Package version {draft.PackageVersionId} does not exist; register it first.");
        }

        var groupIds = draft.Waves.Select(w => w.OfficeGroupId).Distinct().ToList();
        var found = await context.OfficeGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken);
        var missing = groupIds.Except(found).ToList();
        if (missing.Count > 0)
        {
            throw new CatalogReferenceException($"Unknown office group(s): {string.Join(", ", missing)}.");
        }

        var now = time.GetUtcNow();
        var rollout = new Rollout
        {
            Id = Guid.CreateVersion7(now),
            Name = draft.Name,
            PackageVersionId = draft.PackageVersionId,
            Status = RolloutStatus.Scheduled,
            FailureThreshold = draft.FailureThreshold,
            FailureMinimumSample = draft.FailureMinimumSample,
            MaxWanFetchersPerSite = draft.MaxWanFetchersPerSite,
            InstallWindowStart = draft.InstallWindow?.Start,
            InstallWindowEnd = draft.InstallWindow?.End,
            CreatedAt = now,
            CreatedBy = actor,
        };
        for (var i = 0; i < draft.Waves.Count; i++)
        {
            var wave = draft.Waves[i];
            rollout.Waves.Add(new RolloutWave
            {
                Id = Guid.CreateVersion7(now),
                RolloutId = rollout.Id,
                Ordinal = i,
                OfficeGroupId = wave.OfficeGroupId,
                StartsAt = wave.StartsAt,
                Deadline = wave.Deadline,
            });
        }

        context.Rollouts.Add(rollout);
        context.AuditEntries.Add(AuditLog.Create(time, actor, AuditActions.RolloutCreate, "rollout", rollout.Id.ToString(),
            $"name={draft.Name}; packageVersion={draft.PackageVersionId}; waves={draft.Waves.Count}"));
        await context.SaveChangesAsync(cancellationToken);
        return rollout;
    }

    /// <summary>The rollout with its waves in order.</summary>
    public async Task<Rollout?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Rollouts.AsNoTracking()
            .Include(r => r.Waves.OrderBy(w => w.Ordinal))
            .FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>Newest first, with waves.</summary>
    public async Task<Page<Rollout>> ListAsync(RolloutQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (skip, take) = Paging.Clamp(query.Skip, query.Take);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rollouts = context.Rollouts.AsNoTracking();
        if (query.Status is { } status)
        {
            rollouts = rollouts.Where(r => r.Status == status);
        }

        if (query.PackageVersionId is { } versionId)
        {
            rollouts = rollouts.Where(r => r.PackageVersionId == versionId);
        }

        var total = await rollouts.CountAsync(cancellationToken);
        var items = await rollouts.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Skip(skip).Take(take)
            .Include(r => r.Waves.OrderBy(w => w.Ordinal))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return new Page<Rollout>(items, total, skip, take);
    }

    /// <summary>Every rollout in one of <paramref name="statuses"/>, with waves: what assignments and the rollout grains need.</summary>
    public async Task<IReadOnlyList<Rollout>> ListByStatusAsync(IReadOnlyCollection<RolloutStatus> statuses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var wanted = statuses.ToList();
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Rollouts.AsNoTracking()
            .Where(r => wanted.Contains(r.Status))
            .Include(r => r.Waves.OrderBy(w => w.Ordinal))
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Stores a status move if the rollout is still at <paramref name="expectedVersion"/>; null when it does not exist.
    /// Sets StartedAt on the first move to Running and EndedAt on Completed or Cancelled.
    /// </summary>
    public async Task<Rollout?> SetStatusAsync(Guid id, long expectedVersion, RolloutStatus status, string? reason, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rollout = await context.Rollouts.Include(r => r.Waves).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rollout is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var previous = rollout.Status;
        context.Entry(rollout).Property(r => r.Version).OriginalValue = expectedVersion;
        rollout.Status = status;
        rollout.StatusReason = reason;
        if (status == RolloutStatus.Running && rollout.StartedAt is null)
        {
            rollout.StartedAt = now;
        }

        if (status is RolloutStatus.Completed or RolloutStatus.Cancelled)
        {
            rollout.EndedAt = now;
        }

        // A write with nothing changed would not check the version; touching the reason keeps the rule uniform.
        context.Entry(rollout).State = EntityState.Modified;
        context.AuditEntries.Add(AuditLog.Create(time, actor, AuditActions.RolloutStatus, "rollout", id.ToString(), $"{previous} -> {status}; reason={reason}"));
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new CatalogConcurrencyException($"Rollout '{rollout.Name}' was changed by someone else since you read it; reload it and try again.", ex);
        }

        rollout.Waves.Sort((a, b) => a.Ordinal.CompareTo(b.Ordinal));
        return rollout;
    }
}
