using EnterpriseDistrib.Catalog.Configurations;
using EnterpriseDistrib.Catalog.Entities;
using Microsoft.EntityFrameworkCore;

namespace EnterpriseDistrib.Catalog.Packages;

/// <summary>
/// Moves a version's content through <see cref="PackageContentState"/> as the origin receives and verifies it.
/// Each move is one conditional UPDATE, so silos racing on the same version cannot skip a step.
/// </summary>
public sealed class PackageContentStore(IDbContextFactory<CatalogDbContext> contexts, TimeProvider time)
{
    /// <summary>An upload started: Registered or Refused content becomes Uploading. False when the version is unknown, verifying or already available.</summary>
    public Task<bool> MarkUploadingAsync(Guid versionId, CancellationToken cancellationToken = default) =>
        MoveAsync(versionId, [PackageContentState.Registered, PackageContentState.Refused, PackageContentState.Uploading], PackageContentState.Uploading, null, null, cancellationToken);

    /// <summary>The last byte arrived: Uploading (or Refused, after a re-send) content becomes Verifying. False when another silo already claimed it.</summary>
    public Task<bool> MarkVerifyingAsync(Guid versionId, CancellationToken cancellationToken = default) =>
        MoveAsync(versionId, [PackageContentState.Uploading, PackageContentState.Refused], PackageContentState.Verifying, null, null, cancellationToken);

    /// <summary>Every piece verified: Verifying content becomes Available now.</summary>
    public Task<bool> MarkAvailableAsync(Guid versionId, CancellationToken cancellationToken = default) =>
        MoveAsync(versionId, [PackageContentState.Verifying], PackageContentState.Available, time.GetUtcNow(), null, cancellationToken);

    /// <summary>Verification failed: Verifying content becomes Refused with <paramref name="problem"/> (shortened to fit).</summary>
    public Task<bool> MarkRefusedAsync(Guid versionId, string problem, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(problem);
        var text = problem.Length <= CatalogLimits.ErrorLength ? problem : string.Concat(problem.AsSpan(0, CatalogLimits.ErrorLength - 1), "…");
        return MoveAsync(versionId, [PackageContentState.Verifying], PackageContentState.Refused, null, text, cancellationToken);
    }

    /// <summary>Full versions (torrent bytes included) whose content is in <paramref name="state"/>, oldest first.</summary>
    public async Task<IReadOnlyList<PackageVersion>> ListInStateAsync(PackageContentState state, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.PackageVersions.AsNoTracking()
            .Where(v => v.ContentState == state)
            .OrderBy(v => v.PublishedAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The content state of a version, or null when it does not exist.</summary>
    public async Task<PackageContentState?> GetStateAsync(Guid versionId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.PackageVersions.AsNoTracking()
            .Where(v => v.Id == versionId)
            .Select(v => (PackageContentState?)v.ContentState)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<bool> MoveAsync(
        Guid versionId, PackageContentState[] from, PackageContentState to, DateTimeOffset? availableAt, string? problem, CancellationToken cancellationToken)
    {
        // Three plain comparisons rather than Contains: the column holds enum names through a converter.
        var (a, b, c) = (from[0], from[Math.Min(1, from.Length - 1)], from[^1]);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await context.PackageVersions
            .Where(v => v.Id == versionId && (v.ContentState == a || v.ContentState == b || v.ContentState == c))
            .ExecuteUpdateAsync(
                set => set.SetProperty(v => v.ContentState, to).SetProperty(v => v.AvailableAt, availableAt).SetProperty(v => v.ContentProblem, problem),
                cancellationToken);
        return changed == 1;
    }
}
