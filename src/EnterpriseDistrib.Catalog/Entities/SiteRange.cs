namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>One CIDR range (IPv4 or IPv6) of a site, stored in its normalized text form ("10.1.0.0/16").</summary>
public sealed class SiteRange
{
    public Guid Id { get; set; }

    public Guid SiteId { get; set; }

    /// <summary>Normalized CIDR text; validated by the control plane's <c>Cidr</c> rule before it gets here.</summary>
    public required string Cidr { get; set; }
}
