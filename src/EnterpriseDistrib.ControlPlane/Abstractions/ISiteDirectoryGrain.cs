namespace EnterpriseDistrib.ControlPlane.Abstractions;

/// <summary>
/// The cluster's one view of the site map: resolves an agent's address to its site by longest prefix,
/// and reloads from the catalog when sites change.
/// </summary>
public interface ISiteDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>The only key this grain is used with.</summary>
    const long Key = 0;

    /// <summary>Places <paramref name="address"/> (an IPv4 or IPv6 literal) in a site, saying why.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<SitePlacement> Resolve(string address);

    /// <summary>Resolves several addresses in one call (the peers of a status report): address → site id, null for none.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyDictionary<string, Guid?>> ResolveSites(IReadOnlyList<string> addresses);

    /// <summary>Reloads every site's ranges from the catalog; call after any site change is saved.</summary>
    Task Reload();
}
