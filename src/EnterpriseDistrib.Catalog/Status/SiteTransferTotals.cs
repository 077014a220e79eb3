namespace EnterpriseDistrib.Catalog.Status;

/// <summary>Bytes received by one site's agents, by source class; savings = same-site / all.</summary>
public sealed record SiteTransferTotals(Guid? SiteId, long SameSiteBytes, long OtherSiteBytes, long OriginBytes)
{
    public long TotalBytes => SameSiteBytes + OtherSiteBytes + OriginBytes;

    /// <summary>Share of bytes that did not cross the WAN, 0..1; 0 when nothing was received.</summary>
    public double Savings => TotalBytes == 0 ? 0 : (double)SameSiteBytes / TotalBytes;
}
