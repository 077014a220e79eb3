namespace EnterpriseDistrib.ControlPlane.Policies;

/// <summary>Where an address belongs and the rule that placed it, in words an admin reads.</summary>
/// <param name="SiteId">Null when no range matched (the agent is unplaced).</param>
/// <param name="MatchedRange">The most specific range containing the address.</param>
public sealed record SiteResolution(Guid? SiteId, string? SiteName, Cidr? MatchedRange, string Explanation)
{
    public bool IsPlaced => SiteId is not null;
}
