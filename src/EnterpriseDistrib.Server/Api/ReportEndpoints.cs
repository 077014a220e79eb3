using EnterpriseDistrib.Catalog.Reports;
using EnterpriseDistrib.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnterpriseDistrib.Server.Api;

/// <summary><c>/api/v1/reports</c>: WAN savings per rollout and site, as JSON or CSV.</summary>
public static class ReportEndpoints
{
    private static readonly TimeSpan LongestRange = TimeSpan.FromDays(3660);

    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder group)
    {
        group.WithTags("Reports");
        group.MapGet("/wan", Wan).RequireAuthorization(AuthPolicies.Read)
            .WithSummary("WAN savings per rollout and site; filter by rolloutId, packageId, from/to (rollout start); format=json|csv.");
        return group;
    }

    private static async Task<Results<Ok<WanReportResponse>, ContentHttpResult, ValidationProblem>> Wan(
        Guid? rolloutId, Guid? packageId, DateTimeOffset? from, DateTimeOffset? to, string? format, WanReportQueries queries, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Check(format is null or "json" or "csv", "format", "format must be json or csv.")
            .Check(from is null || to is null || from < to, "from", "from must be before to.")
            .Check(from is null || to is null || to - from <= LongestRange, "to", "A date range may span at most ten years.");
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid(validation);
        }

        var report = await queries.GetAsync(new WanReportFilter(rolloutId, packageId, from, to), cancellationToken);
        return format == "csv"
            ? TypedResults.Text(WanReportCsv.Write(report), "text/csv; charset=utf-8")
            : TypedResults.Ok(WanReportResponse.From(report));
    }
}
