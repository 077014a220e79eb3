using System.Collections.Immutable;

namespace EnterpriseDistrib.ControlPlane.Policies.Swarms;

/// <summary>The outcome of one announce for the site's WAN fetchers: who they are now, and why.</summary>
/// <param name="Fetchers">The site's fetchers after this announce.</param>
/// <param name="IsRequesterFetcher">Whether the announcing agent may use WAN sources.</param>
/// <param name="Reason">Why, in words an admin reads.</param>
/// <param name="Replaced">Fetchers dropped by this announce, each with the reason.</param>
public sealed record FetcherElection(
    ImmutableArray<WanFetcher> Fetchers,
    bool IsRequesterFetcher,
    string Reason,
    ImmutableArray<(Guid AgentId, string Reason)> Replaced);
