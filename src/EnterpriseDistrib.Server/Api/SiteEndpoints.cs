using System.Security.Claims;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Sites;
using EnterpriseDistrib.ControlPlane.Abstractions;
using EnterpriseDistrib.ControlPlane.Policies;
using EnterpriseDistrib.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnterpriseDistrib.Server.Api;

/// <summary><c>/api/v1/sites</c>: offices with their IP ranges; overlapping ranges are reported on every save.</summary>
public static class SiteEndpoints
{
    /// <summary>Maps the group's endpoints.</summary>
    public static RouteGroupBuilder MapSiteEndpoints(this RouteGroupBuilder group)
    {
        group.WithTags("Sites");
        group.MapGet("/", List).RequireAuthorization(AuthPolicies.Read).WithSummary("Lists sites with their ranges and any overlaps.");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(AuthPolicies.Read).WithSummary("Gets one site.");
        group.MapGet("/resolve", Resolve).RequireAuthorization(AuthPolicies.Read).WithSummary("Says which site an address belongs to, and why.");
        group.MapPost("/", Create).RequireAuthorization(AuthPolicies.Administer).WithSummary("Creates a site; the answer lists ranges that overlap other sites'.");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(AuthPolicies.Administer).WithSummary("Replaces a site (send the version you read).");
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(AuthPolicies.Administer).WithSummary("Deletes a site; its agents become unplaced.");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<SiteResponse>>> List(SiteStore store, CancellationToken cancellationToken)
    {
        var sites = await store.ListAsync(cancellationToken);
        var overlaps = SiteResolver.FindOverlaps(Entries(sites));
        return TypedResults.Ok<IReadOnlyList<SiteResponse>>(sites.Select(s => SiteResponse.From(s, OverlapsOf(overlaps, s.Id))).ToList());
    }

    private static async Task<Results<Ok<SiteResponse>, ProblemHttpResult>> Get(Guid id, SiteStore store, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } site)
        {
            return ApiProblems.NotFound("Site", id);
        }

        return TypedResults.Ok(SiteResponse.From(site, await OverlapsAsync(store, id, cancellationToken)));
    }

    private static async Task<Results<Ok<SitePlacement>, ValidationProblem>> Resolve(string? address, IGrainFactory grains)
    {
        var validation = new Validation().Check(System.Net.IPAddress.TryParse(address, out _), "address", "address must be an IPv4 or IPv6 address, e.g. 10.1.2.3.");
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid(validation);
        }

        return TypedResults.Ok(await grains.GetGrain<ISiteDirectoryGrain>(ISiteDirectoryGrain.Key).Resolve(address!));
    }

    private static async Task<Results<Created<SiteResponse>, ValidationProblem>> Create(
        SiteRequest request, SiteStore store, IGrainFactory grains, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (validation, draft) = request.Validate(requireVersion: false);
        if (draft is null)
        {
            return ApiProblems.Invalid(validation);
        }

        var site = await store.CreateAsync(draft, AdminActor.Describe(user), cancellationToken);
        await grains.GetGrain<ISiteDirectoryGrain>(ISiteDirectoryGrain.Key).Reload();
        return TypedResults.Created($"/api/v1/sites/{site.Id}", SiteResponse.From(site, await OverlapsAsync(store, site.Id, cancellationToken)));
    }

    private static async Task<Results<Ok<SiteResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, SiteRequest request, SiteStore store, IGrainFactory grains, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (validation, draft) = request.Validate(requireVersion: true);
        if (draft is null)
        {
            return ApiProblems.Invalid(validation);
        }

        var site = await store.UpdateAsync(id, request.Version!.Value, draft, AdminActor.Describe(user), cancellationToken);
        if (site is null)
        {
            return ApiProblems.NotFound("Site", id);
        }

        await grains.GetGrain<ISiteDirectoryGrain>(ISiteDirectoryGrain.Key).Reload();
        return TypedResults.Ok(SiteResponse.From(site, await OverlapsAsync(store, id, cancellationToken)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, long? version, SiteStore store, IGrainFactory grains, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(id, version, AdminActor.Describe(user), cancellationToken))
        {
            return ApiProblems.NotFound("Site", id);
        }

        await grains.GetGrain<ISiteDirectoryGrain>(ISiteDirectoryGrain.Key).Reload();
        return TypedResults.NoContent();
    }

    private static async Task<IReadOnlyList<string>> OverlapsAsync(SiteStore store, Guid siteId, CancellationToken cancellationToken)
    {
        var rows = await store.ListAllRangesAsync(cancellationToken);
        var entries = rows.Select(r => Cidr.TryParse(r.Cidr, out var cidr, out _) ? new SiteRangeEntry(r.SiteId, r.SiteName, cidr) : null).OfType<SiteRangeEntry>();
        return SiteResolver.FindOverlapsOf(entries, siteId).Select(o => o.Describe()).ToList();
    }

    private static IEnumerable<SiteRangeEntry> Entries(IEnumerable<Site> sites) =>
        sites.SelectMany(s => s.Ranges.Select(r => Cidr.TryParse(r.Cidr, out var cidr, out _) ? new SiteRangeEntry(s.Id, s.Name, cidr) : null)).OfType<SiteRangeEntry>();

    private static List<string> OverlapsOf(IReadOnlyList<RangeOverlap> overlaps, Guid siteId) =>
        overlaps.Where(o => o.Wider.SiteId == siteId || o.Narrower.SiteId == siteId).Select(o => o.Describe()).ToList();
}

/// <summary>Body of create and replace: <see cref="Ranges"/> in CIDR form (IPv4 and IPv6); <see cref="Version"/> required on replace.</summary>
public sealed record SiteRequest(
    string? Name,
    IReadOnlyList<string>? Ranges,
    string? Description = null,
    Guid? ParentId = null,
    long? WanCapacityBitsPerSecond = null,
    string? TimeZone = null,
    long? Version = null,
    SiteBusinessHours? BusinessHours = null)
{
    /// <summary>Most ranges one site may have.</summary>
    public const int MaxRanges = 1_000;

    internal (Validation Validation, SiteDraft? Draft) Validate(bool requireVersion)
    {
        var validation = new Validation()
            .Text(Name, "name", 100)
            .Text(Description, "description", 1000, required: false)
            .Check(Ranges is not null, "ranges", "ranges is required (a list of CIDR ranges such as 10.1.0.0/16 or 2001:db8::/48; it may be empty).")
            .Check(Ranges is null || Ranges.Count <= MaxRanges, "ranges", $"At most {MaxRanges} ranges per site.")
            .Check(ParentId != Guid.Empty, "parentId", "parentId must not be the empty id; omit it for a top-level site.")
            .Check(WanCapacityBitsPerSecond is null or > 0, "wanCapacityBitsPerSecond", "wanCapacityBitsPerSecond must be positive (bits per second of the office's WAN link).")
            .Check(TimeZone is null || (TimeZone.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _)), "timeZone",
                "timeZone must be an IANA time zone id such as Europe/Paris or America/New_York.");
        var businessHours = BusinessHours?.Validate(validation);
        if (requireVersion)
        {
            validation.Check(Version is not null, "version", "version is required: send the version you read, so a concurrent change is not overwritten.");
        }

        var cidrs = new List<string>();
        for (var i = 0; Ranges is not null && i < Ranges.Count && i < MaxRanges; i++)
        {
            if (Cidr.TryParse(Ranges[i], out var cidr, out var error))
            {
                cidrs.Add(cidr.ToString());
            }
            else
            {
                validation.Add($"ranges[{i}]", error);
            }
        }

        if (!validation.IsValid)
        {
            return (validation, null);
        }

        var draft = new SiteDraft(Name!.Trim(), cidrs.Distinct().ToList(), string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(), ParentId, WanCapacityBitsPerSecond, TimeZone, businessHours);
        return (validation, draft);
    }
}

/// <summary>A site as the API shows it, with the overlaps its ranges take part in.</summary>
public sealed record SiteResponse(
    Guid Id,
    string Name,
    string? Description,
    Guid? ParentId,
    IReadOnlyList<string> Ranges,
    long? WanCapacityBitsPerSecond,
    string? TimeZone,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    IReadOnlyList<string> Overlaps,
    SiteBusinessHours? BusinessHours)
{
    internal static SiteResponse From(Site site, IReadOnlyList<string> overlaps) => new(
        site.Id, site.Name, site.Description, site.ParentId, site.Ranges.Select(r => r.Cidr).OrderBy(c => c, StringComparer.Ordinal).ToList(),
        site.WanCapacityBitsPerSecond, site.TimeZone, site.CreatedAt, site.UpdatedAt, site.Version, overlaps,
        SiteBusinessHours.From(site.BusinessHoursStart is { } start && site.BusinessHoursEnd is { } end
            ? new BusinessHoursPolicy(start, end, site.BusinessHoursDownloadBytesPerSecond, site.BusinessHoursUploadBytesPerSecond)
            : null));
}
