namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>Membership of one site in one office group.</summary>
public sealed class OfficeGroupSite
{
    public Guid OfficeGroupId { get; set; }

    public Guid SiteId { get; set; }
}
