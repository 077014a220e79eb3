namespace EnterpriseDistrib.ControlPlane.Policies;

/// <summary>One parsed range of one site: the unit the resolver matches and the overlap report compares.</summary>
public sealed record SiteRangeEntry(Guid SiteId, string SiteName, Cidr Range)
{
    public override string ToString() => $"{Range} of '{SiteName}'";
}
