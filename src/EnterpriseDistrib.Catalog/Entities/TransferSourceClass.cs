namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>Where received bytes came from, relative to the receiving agent's site (DESIGN "WAN savings accounting").</summary>
public enum TransferSourceClass
{
    SameSite = 1,
    OtherSite = 2,
    Origin = 3,
}
