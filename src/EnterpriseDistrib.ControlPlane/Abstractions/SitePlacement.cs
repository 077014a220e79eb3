namespace EnterpriseDistrib.ControlPlane.Abstractions;

/// <summary>Which site an address belongs to and the rule that placed it there (shown to admins).</summary>
[GenerateSerializer, Immutable]
public sealed record SitePlacement(
    [property: Id(0)] Guid? SiteId,
    [property: Id(1)] string? SiteName,
    [property: Id(2)] string? MatchedCidr,
    [property: Id(3)] string Reason);
