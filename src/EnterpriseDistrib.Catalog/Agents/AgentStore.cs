using EnterpriseDistrib.Catalog.Audit;
using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnterpriseDistrib.Catalog.Agents;

/// <summary>Agents after enrollment: lookups by id and credential, the admin list, revocation, heartbeats and placement.</summary>
public sealed class AgentStore(IDbContextFactory<CatalogDbContext> contexts, TimeProvider time)
{
    public async Task<Agent?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    /// <summary>The agent holding this credential (revoked or not: the caller refuses revoked ones).</summary>
    public async Task<Agent?> FindByCredentialHashAsync(byte[] credentialHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentialHash);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.CredentialHash == credentialHash, cancellationToken);
    }

    /// <summary>Agents ordered by hostname then id, filtered and paged.</summary>
    public async Task<Page<Agent>> ListAsync(AgentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (skip, take) = Paging.Clamp(query.Skip, query.Take);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var agents = context.Agents.AsNoTracking();
        if (query.SiteId is { } siteId)
        {
            agents = agents.Where(a => a.SiteId == siteId);
        }

        if (query.Unplaced)
        {
            agents = agents.Where(a => a.SiteId == null);
        }

        if (!string.IsNullOrEmpty(query.HostnamePrefix))
        {
            var prefix = query.HostnamePrefix;
            agents = agents.Where(a => a.Hostname.StartsWith(prefix));
        }

        if (query.Revoked is { } revoked)
        {
            agents = revoked ? agents.Where(a => a.RevokedAt != null) : agents.Where(a => a.RevokedAt == null);
        }

        var total = await agents.CountAsync(cancellationToken);
        var items = await agents.OrderBy(a => a.Hostname).ThenBy(a => a.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new Page<Agent>(items, total, skip, take);
    }

    /// <summary>Revokes the agent's credential at once; false when the agent does not exist. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(Guid id, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (!await context.Agents.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return false;
        }

        var now = time.GetUtcNow();
        await context.Agents.Where(a => a.Id == id && a.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.RevokedAt, now).SetProperty(a => a.Version, a => a.Version + 1), cancellationToken);
        context.AuditEntries.Add(AuditLog.Create(time, actor, AuditActions.AgentRevoke, "agent", id.ToString(), null));
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Records that the agent is alive; false when it is unknown or revoked. Not audited and not versioned: it is not an admin change.</summary>
    public async Task<bool> RecordHeartbeatAsync(Guid id, string? address, string? agentVersion, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var updated = agentVersion is null
            ? await context.Agents.Where(a => a.Id == id && a.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.LastSeenAt, now).SetProperty(a => a.LastAddress, address), cancellationToken)
            : await context.Agents.Where(a => a.Id == id && a.RevokedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.LastSeenAt, now).SetProperty(a => a.LastAddress, address).SetProperty(a => a.AgentVersion, agentVersion), cancellationToken);
        return updated == 1;
    }

    /// <summary>Moves the agent to a site (or none) with the reason shown to admins; false when it does not exist.</summary>
    public async Task<bool> PlaceAsync(Guid id, Guid? siteId, string reason, bool pinned, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await context.Agents.Where(a => a.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.SiteId, siteId).SetProperty(a => a.SiteReason, reason).SetProperty(a => a.SitePinned, pinned), cancellationToken);
        return updated == 1;
    }
}
