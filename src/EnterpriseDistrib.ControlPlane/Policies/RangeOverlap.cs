namespace EnterpriseDistrib.ControlPlane.Policies;

/// <summary>Two ranges that share addresses, reported when sites are saved.</summary>
public sealed record RangeOverlap(SiteRangeEntry Wider, SiteRangeEntry Narrower, OverlapKind Kind)
{
    public bool IsSameSite => Wider.SiteId == Narrower.SiteId;

    /// <summary>What an admin reads next to the save.</summary>
    public string Describe() => (Kind, IsSameSite) switch
    {
        (OverlapKind.Identical, _) =>
            $"{Narrower.Range} belongs to both '{Wider.SiteName}' and '{Narrower.SiteName}'; addresses in it are placed arbitrarily. Remove it from one site.",
        (OverlapKind.Nested, true) =>
            $"{Narrower.Range} of '{Narrower.SiteName}' lies inside its own {Wider.Range}; it is redundant.",
        _ =>
            $"{Narrower.Range} of '{Narrower.SiteName}' lies inside {Wider.Range} of '{Wider.SiteName}'; its addresses go to '{Narrower.SiteName}' (longest prefix wins).",
    };
}
