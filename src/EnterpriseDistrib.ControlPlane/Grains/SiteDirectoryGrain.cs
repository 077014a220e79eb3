using EnterpriseDistrib.Catalog.Sites;
using EnterpriseDistrib.ControlPlane.Abstractions;
using EnterpriseDistrib.ControlPlane.Policies;
using Microsoft.Extensions.Logging;

namespace EnterpriseDistrib.ControlPlane.Grains;

/// <summary>
/// Holds one <see cref="SiteResolver"/> built from the catalog's ranges; resolves addresses against it
/// (interleaved: the resolver is immutable) and swaps in a new one on <see cref="Reload"/>.
/// </summary>
internal sealed partial class SiteDirectoryGrain(SiteStore sites, ILogger<SiteDirectoryGrain> logger) : Grain, ISiteDirectoryGrain
{
    private SiteResolver _resolver = SiteResolver.Empty;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public Task<SitePlacement> Resolve(string address)
    {
        var resolution = _resolver.Resolve(address);
        return Task.FromResult(new SitePlacement(resolution.SiteId, resolution.SiteName, resolution.MatchedRange?.ToString(), resolution.Explanation));
    }

    public Task<IReadOnlyDictionary<string, Guid?>> ResolveSites(IReadOnlyList<string> addresses)
    {
        var resolver = _resolver;
        return Task.FromResult<IReadOnlyDictionary<string, Guid?>>(addresses.Distinct(StringComparer.Ordinal).ToDictionary(a => a, a => resolver.Resolve(a).SiteId, StringComparer.Ordinal));
    }

    public Task Reload() => LoadAsync(CancellationToken.None);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await sites.ListAllRangesAsync(cancellationToken);
        _resolver = SiteResolver.Build(rows.Select(r => (r.SiteId, r.SiteName, r.Cidr)), out var rejected);
        foreach (var row in rejected)
        {
            LogRejected(logger, row);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stored site range no longer parses and is ignored for placement: {Row}. Fix the site's ranges.")]
    private static partial void LogRejected(ILogger logger, string row);
}
