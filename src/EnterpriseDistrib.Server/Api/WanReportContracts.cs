using EnterpriseDistrib.Catalog.Reports;

namespace EnterpriseDistrib.Server.Api;

/// <summary>One rollout and receiving site of a WAN-savings report (bytes as the agents counted them).</summary>
public sealed record WanSiteRowResponse(
    Guid RolloutId,
    string RolloutName,
    Guid PackageId,
    string PackageName,
    string VersionLabel,
    long PackageSize,
    Guid? SiteId,
    string SiteName,
    int Agents,
    int AgentsFinished,
    long SameSiteBytes,
    long OtherSiteBytes,
    long OriginBytes,
    long TotalBytes,
    long WanBytes,
    double Savings,
    double WanCopies,
    double? SecondsToComplete)
{
    public static WanSiteRowResponse From(WanSiteRow row) => new(
        row.RolloutId, row.RolloutName, row.PackageId, row.PackageName, row.VersionLabel, row.PackageSize, row.SiteId, row.SiteName,
        row.Agents, row.AgentsFinished, row.SameSiteBytes, row.OtherSiteBytes, row.OriginBytes, row.TotalBytes, row.WanBytes,
        Math.Round(row.Savings, 6), Math.Round(row.WanCopies, 6), row.TimeToComplete?.TotalSeconds);
}

/// <summary>A WAN-savings report: rows per rollout and site, sums over them, and whether the rollout limit cut it.</summary>
public sealed record WanReportResponse(
    IReadOnlyList<WanSiteRowResponse> Rows, long SameSiteBytes, long OtherSiteBytes, long OriginBytes, long TotalBytes, long WanBytes, double Savings, bool Truncated)
{
    public static WanReportResponse From(WanReport report) => new(
        [.. report.Rows.Select(WanSiteRowResponse.From)],
        report.SameSiteBytes, report.OtherSiteBytes, report.OriginBytes, report.TotalBytes, report.WanBytes, Math.Round(report.Savings, 6), report.Truncated);
}
