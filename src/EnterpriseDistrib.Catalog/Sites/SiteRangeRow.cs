namespace EnterpriseDistrib.Catalog.Sites;

/// <summary>One range of one site, flat, as the site resolver and the overlap report read them.</summary>
public sealed record SiteRangeRow(Guid SiteId, string SiteName, string Cidr);
