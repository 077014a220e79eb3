namespace EnterpriseDistrib.Catalog.Reports;

/// <summary>A WAN-savings report: one row per rollout and receiving site, and the sums over them.</summary>
public sealed record WanReport(IReadOnlyList<WanSiteRow> Rows, bool Truncated)
{
    public long SameSiteBytes => Rows.Sum(r => r.SameSiteBytes);

    public long OtherSiteBytes => Rows.Sum(r => r.OtherSiteBytes);

    public long OriginBytes => Rows.Sum(r => r.OriginBytes);

    public long TotalBytes => SameSiteBytes + OtherSiteBytes + OriginBytes;

    public long WanBytes => OtherSiteBytes + OriginBytes;

    public double Savings => TotalBytes == 0 ? 0 : (double)SameSiteBytes / TotalBytes;
}
