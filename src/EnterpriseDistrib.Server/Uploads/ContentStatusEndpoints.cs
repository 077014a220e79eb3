using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Origin;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnterpriseDistrib.Server.Uploads;

/// <summary>
/// <c>GET /api/v1/packages/{id}/versions/{versionId}/content</c>: where a version's content is on its way
/// to the origin: state, uploads and their offsets, and after a refusal the pieces and ranges to send again.
/// </summary>
public static class ContentStatusEndpoints
{
    public static RouteGroupBuilder MapContentStatusEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/versions/{versionId:guid}/content", Get).RequireAuthorization(AuthPolicies.Read).WithTags("Packages")
            .WithSummary("The version's content at the origin: state, uploads, and the pieces and ranges to send again after a refusal.");
        return group;
    }

    private static async Task<Results<Ok<ContentStatusResponse>, ProblemHttpResult>> Get(
        Guid id, Guid versionId, PackageStore packages, UploadRegistry registry, ContentRefusals refusals, CancellationToken cancellationToken)
    {
        if (await packages.GetVersionAsync(versionId, cancellationToken) is not { } version || version.PackageId != id)
        {
            return TypedResults.Problem(title: "Package version not found", detail: $"No package version has id {versionId} under package {id}.", statusCode: StatusCodes.Status404NotFound);
        }

        var uploads = (await registry.ListAsync(versionId, cancellationToken))
            .OrderBy(u => u.CreatedAt)
            .Select(u => new UploadStatus($"/api/v1/uploads/{u.Id}", u.Path, u.FileOffset, u.Length, u.Offset))
            .ToList();
        var refusal = version.ContentState == PackageContentState.Refused ? await refusals.LoadAsync(versionId, cancellationToken) : null;
        return TypedResults.Ok(new ContentStatusResponse(
            version.Id, version.InfoHash, version.ContentState, version.AvailableAt, version.ContentProblem, version.TotalSize, uploads,
            refusal?.BadPieces ?? [], refusal?.Resend ?? []));
    }
}

/// <summary>One upload of a version: its URL, the file range it carries and how much of it arrived.</summary>
public sealed record UploadStatus(string Location, string Path, long FileOffset, long Length, long Offset);

/// <summary>A version's content at the origin.</summary>
public sealed record ContentStatusResponse(
    Guid VersionId,
    string InfoHash,
    PackageContentState State,
    DateTimeOffset? AvailableAt,
    string? Problem,
    long TotalSize,
    IReadOnlyList<UploadStatus> Uploads,
    IReadOnlyList<int> BadPieces,
    IReadOnlyList<FileRange> Resend);
