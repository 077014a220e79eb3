using System.Security.Claims;
using System.Text.Json;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Torrent.Metainfo;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EnterpriseDistrib.Server.Api;

/// <summary><c>/api/v1/packages</c>: packages and their versions, each registered from a .torrent plus an install spec.</summary>
public static class PackageEndpoints
{
    /// <summary>Largest accepted request: a maximal .torrent in base64 JSON plus room for the install spec.</summary>
    public const long MaxRequestBytes = TorrentMetainfo.MaxTorrentFileLength / 3 * 4 + 1024 * 1024;

    /// <summary>Maps the group's endpoints.</summary>
    public static RouteGroupBuilder MapPackageEndpoints(this RouteGroupBuilder group)
    {
        group.WithTags("Packages");
        group.MapGet("/", List).RequireAuthorization(AuthPolicies.Read).WithSummary("Lists packages.");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(AuthPolicies.Read).WithSummary("Gets a package and its versions.");
        group.MapPost("/", Create).RequireAuthorization(AuthPolicies.Publish).WithSummary("Creates a package (a name that versions are registered under).");
        group.MapPost("/{id:guid}/versions", RegisterVersion).RequireAuthorization(AuthPolicies.Publish)
            // One Accepts for both types: a second one would replace the first and refuse JSON with 415.
            .Accepts<PackageVersionRequest>("application/json", "multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes))
            .WithSummary("Registers a version from a .torrent (multipart field 'torrent', or base64 in JSON) and an install spec.");
        group.MapGet("/{id:guid}/versions/{versionId:guid}", GetVersion).RequireAuthorization(AuthPolicies.Read).WithSummary("Gets one version with files and install spec.");
        group.MapGet("/{id:guid}/versions/{versionId:guid}/torrent", GetTorrent).RequireAuthorization(AuthPolicies.Read).WithSummary("Downloads the version's .torrent.");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<PackageResponse>>> List(PackageStore store, CancellationToken cancellationToken)
    {
        var packages = await store.ListPackagesAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<PackageResponse>>(packages.Select(p => PackageResponse.From(p, null)).ToList());
    }

    private static async Task<Results<Ok<PackageResponse>, ProblemHttpResult>> Get(Guid id, PackageStore store, CancellationToken cancellationToken)
    {
        if (await store.GetPackageAsync(id, cancellationToken) is not { } package)
        {
            return ApiProblems.NotFound("Package", id);
        }

        return TypedResults.Ok(PackageResponse.From(package, await store.ListVersionsAsync(id, cancellationToken)));
    }

    private static async Task<Results<Created<PackageResponse>, ValidationProblem>> Create(
        PackageRequest request, PackageStore store, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation().Text(request.Name, "name", 200).Text(request.Description, "description", 2000, required: false);
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid(validation);
        }

        var package = await store.CreatePackageAsync(request.Name!.Trim(), request.Description, AdminActor.Describe(user), cancellationToken);
        return TypedResults.Created($"/api/v1/packages/{package.Id}", PackageResponse.From(package, []));
    }

    private static async Task<Results<Created<PackageVersionResponse>, ValidationProblem, ProblemHttpResult>> RegisterVersion(
        Guid id, HttpRequest http, PackageStore store, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var request = await PackageVersionRequestReader.ReadAsync(http, json.Value.SerializerOptions, validation, cancellationToken);
        if (request is null || !validation.IsValid)
        {
            return ApiProblems.Invalid(validation);
        }

        validation.Text(request.Version, "version", 100);
        request.Install?.Validate(validation, "install");
        validation.Check(request.Install is not null, "install", "install is required: say how agents install this version.");
        TorrentMetainfo? metainfo = null;
        try
        {
            metainfo = TorrentMetainfo.Parse(request.TorrentBytes);
        }
        catch (InvalidTorrentException exception)
        {
            validation.Add("torrent", $"The .torrent is invalid: {exception.Message}");
        }

        if (!validation.IsValid || metainfo is null)
        {
            return ApiProblems.Invalid(validation);
        }

        var version = new PackageVersion
        {
            VersionLabel = request.Version!.Trim(),
            InfoHash = metainfo.InfoHash.ToHex(),
            TotalSize = metainfo.Layout.TotalLength,
            PieceLength = metainfo.Layout.PieceLength,
            PieceCount = metainfo.Layout.PieceCount,
            Files = metainfo.Layout.Files.Select(f => new PackageFile { Path = string.Join('/', f.Path), Length = f.Length }).ToList(),
            TorrentBytes = request.TorrentBytes.ToArray(),
            Install = request.Install!.ToEntity(),
            PublishedBy = "pending",
        };
        var saved = await store.AddVersionAsync(id, version, AdminActor.Describe(user), cancellationToken);
        return TypedResults.Created($"/api/v1/packages/{id}/versions/{saved.Id}", PackageVersionResponse.From(saved));
    }

    private static async Task<Results<Ok<PackageVersionResponse>, ProblemHttpResult>> GetVersion(Guid id, Guid versionId, PackageStore store, CancellationToken cancellationToken) =>
        await store.GetVersionAsync(versionId, cancellationToken) is { } version && version.PackageId == id
            ? TypedResults.Ok(PackageVersionResponse.From(version))
            : ApiProblems.NotFound("Package version", versionId);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetTorrent(Guid id, Guid versionId, PackageStore store, CancellationToken cancellationToken) =>
        await store.GetVersionAsync(versionId, cancellationToken) is { } version && version.PackageId == id
            ? TypedResults.File(version.TorrentBytes, "application/x-bittorrent", $"{version.InfoHash}.torrent")
            : ApiProblems.NotFound("Package version", versionId);
}

/// <summary>Body of package creation.</summary>
public sealed record PackageRequest(string? Name, string? Description = null);

/// <summary>A package, with its versions when asked for one package.</summary>
public sealed record PackageResponse(Guid Id, string Name, string? Description, DateTimeOffset CreatedAt, string CreatedBy, IReadOnlyList<PackageVersionSummary>? Versions)
{
    internal static PackageResponse From(Package package, IReadOnlyList<PackageVersionSummary>? versions) =>
        new(package.Id, package.Name, package.Description, package.CreatedAt, package.CreatedBy, versions);
}

/// <summary>A registered version: torrent facts, files and install spec (the .torrent itself has its own endpoint).</summary>
public sealed record PackageVersionResponse(
    Guid Id,
    Guid PackageId,
    string Version,
    string InfoHash,
    long TotalSize,
    int PieceLength,
    int PieceCount,
    IReadOnlyList<PackageFile> Files,
    InstallSpec Install,
    DateTimeOffset PublishedAt,
    string PublishedBy)
{
    internal static PackageVersionResponse From(PackageVersion version) => new(
        version.Id, version.PackageId, version.VersionLabel, version.InfoHash, version.TotalSize, version.PieceLength, version.PieceCount,
        version.Files, version.Install, version.PublishedAt, version.PublishedBy);
}
