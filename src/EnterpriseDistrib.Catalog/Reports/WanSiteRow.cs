namespace EnterpriseDistrib.Catalog.Reports;

/// <summary>
/// What the agents of one site received in one rollout, by source, as they counted it. WAN bytes are those that
/// entered the site from outside it (other sites' peers and the origin); savings = same-site bytes / all bytes.
/// </summary>
public sealed record WanSiteRow(
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
    DateTimeOffset? StartedAt,
    DateTimeOffset? LastFinishedAt)
{
    public long TotalBytes => SameSiteBytes + OtherSiteBytes + OriginBytes;

    public long WanBytes => OtherSiteBytes + OriginBytes;

    /// <summary>Share of the bytes that did not cross the WAN, 0..1; 0 when nothing was received.</summary>
    public double Savings => TotalBytes == 0 ? 0 : (double)SameSiteBytes / TotalBytes;

    /// <summary>How many times the package crossed this site's WAN link (1 is the ideal once anything was fetched).</summary>
    public double WanCopies => PackageSize == 0 ? 0 : (double)WanBytes / PackageSize;

    /// <summary>
    /// From the rollout's start (the site's first report when the start is not recorded) to the site's last agent
    /// finishing, once every agent at the site finished.
    /// </summary>
    public TimeSpan? TimeToComplete =>
        Agents > 0 && AgentsFinished == Agents && StartedAt is { } start && LastFinishedAt is { } end ? end - start : null;
}
