using EnterpriseDistrib.Catalog.Audit;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Errors;
using Microsoft.EntityFrameworkCore;

namespace EnterpriseDistrib.Catalog.Enrollment;

/// <summary>Enrollment tokens and the one atomic step that redeems a token and creates the agent.</summary>
public sealed class EnrollmentTokenStore(IDbContextFactory<CatalogDbContext> contexts, TimeProvider time)
{
    public async Task<EnrollmentToken> CreateAsync(EnrollmentTokenDraft draft, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        if (draft.SiteId is { } siteId && !await context.Sites.AnyAsync(s => s.Id == siteId, cancellationToken))
        {
            throw new CatalogReferenceException($"Site {siteId} does not exist; the token cannot pin agents to it.");
        }

        var now = time.GetUtcNow();
        var token = new EnrollmentToken
        {
            Id = Guid.CreateVersion7(now),
            Description = draft.Description,
            SecretHash = draft.SecretHash,
            SiteId = draft.SiteId,
            CreatedAt = now,
            CreatedBy = actor,
            ExpiresAt = draft.ExpiresAt,
            MaxUses = draft.MaxUses,
        };
        context.EnrollmentTokens.Add(token);
        context.AuditEntries.Add(AuditLog.Create(time, actor, AuditActions.EnrollmentTokenCreate, "enrollment-token", token.Id.ToString(),
            $"description={draft.Description}; expires={draft.ExpiresAt:O}; site={draft.SiteId}; maxUses={draft.MaxUses}"));
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new CatalogConflictException("An enrollment token with the same secret exists; generate a new secret.", ex);
        }

        return token;
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<EnrollmentToken>> ListAsync(bool includeRevoked, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var query = context.EnrollmentTokens.AsNoTracking();
        if (!includeRevoked)
        {
            query = query.Where(t => t.RevokedAt == null);
        }

        return await query.OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<EnrollmentToken?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.EnrollmentTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
    }

    /// <summary>Revokes the token at once; false when it does not exist. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(Guid id, string actor, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (!await context.EnrollmentTokens.AnyAsync(t => t.Id == id, cancellationToken))
        {
            return false;
        }

        await context.EnrollmentTokens.Where(t => t.Id == id && t.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.Version, t => t.Version + 1), cancellationToken);
        context.AuditEntries.Add(AuditLog.Create(time, actor, AuditActions.EnrollmentTokenRevoke, "enrollment-token", id.ToString(), null));
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Redeems the token whose secret hashes to <paramref name="secretHash"/> and creates the agent, in one
    /// transaction: the use count is raised by a conditional UPDATE, so two agents racing for the last use
    /// cannot both win.
    /// </summary>
    public async Task<EnrollmentOutcome> EnrollAsync(byte[] secretHash, AgentRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secretHash);
        ArgumentNullException.ThrowIfNull(registration);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var redeemed = await context.EnrollmentTokens
            .Where(t => t.SecretHash == secretHash && t.RevokedAt == null && t.ExpiresAt > now && (t.MaxUses == null || t.UseCount < t.MaxUses))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.UseCount, t => t.UseCount + 1).SetProperty(t => t.Version, t => t.Version + 1), cancellationToken);
        var token = await context.EnrollmentTokens.AsNoTracking().FirstOrDefaultAsync(t => t.SecretHash == secretHash, cancellationToken);
        if (redeemed == 0 || token is null)
        {
            return new EnrollmentOutcome(Refusal(token, now), null);
        }

        var pinned = token.SiteId is not null;
        var agent = new Agent
        {
            Id = Guid.CreateVersion7(now),
            Hostname = registration.Hostname,
            OperatingSystem = registration.OperatingSystem,
            AgentVersion = registration.AgentVersion,
            LastAddress = registration.Address,
            CredentialHash = registration.CredentialHash,
            EnrollmentTokenId = token.Id,
            EnrolledAt = now,
            LastSeenAt = now,
            SiteId = pinned ? token.SiteId : registration.SiteId,
            SitePinned = pinned || registration.SitePinned,
            SiteReason = pinned ? $"Pinned by enrollment token '{token.Description}'." : registration.SiteReason,
        };
        context.Agents.Add(agent);
        context.AuditEntries.Add(AuditLog.Create(time, AuditActions.SystemActor, AuditActions.AgentEnroll, "agent", agent.Id.ToString(),
            $"hostname={agent.Hostname}; token={token.Id}; site={agent.SiteId}"));
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new CatalogConflictException("An agent with the same credential exists; generate a new credential.", ex);
        }

        await transaction.CommitAsync(cancellationToken);
        return new EnrollmentOutcome(EnrollmentResult.Enrolled, agent);
    }

    private static EnrollmentResult Refusal(EnrollmentToken? token, DateTimeOffset now) => token switch
    {
        null => EnrollmentResult.UnknownToken,
        { RevokedAt: not null } => EnrollmentResult.TokenRevoked,
        _ when token.ExpiresAt <= now => EnrollmentResult.TokenExpired,
        _ => EnrollmentResult.TokenUsedUp,
    };
}
