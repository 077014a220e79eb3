namespace EnterpriseDistrib.Catalog.Configurations;

/// <summary>Column lengths shared by the configurations and by the API's input validation.</summary>
public static class CatalogLimits
{
    public const int NameLength = 200;
    public const int DescriptionLength = 1000;
    public const int HostnameLength = 255;
    public const int ReasonLength = 1000;
    public const int ErrorLength = 2000;
    public const int EnumLength = 32;

    /// <summary>Longest normalized CIDR text: a full IPv6 address (39) plus "/128".</summary>
    public const int CidrLength = 64;
}
