using System.Collections.Immutable;

namespace EnterpriseDistrib.ControlPlane.Policies.Swarms;

/// <summary>
/// Decides, on each announce of an agent at site S for package X, whether it is one of S's WAN fetchers
/// for X. At most K fetchers exist at once; one that stops announcing or stops progressing is dropped
/// (and the next agent to announce takes its place); a seed never needs to be a fetcher, and nobody
/// is elected while a peer of the site already holds the whole package. Pure: the
/// grain holding a site's swarm stores the fetchers and calls this.
/// </summary>
public static class WanFetcherElection
{
    public static FetcherElection OnAnnounce(
        ImmutableArray<WanFetcher> current, Guid agentId, long bytesLeft, bool siteHasSeed, DateTimeOffset now, WanFetcherSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var replaced = ImmutableArray.CreateBuilder<(Guid, string)>();
        var kept = ImmutableArray.CreateBuilder<WanFetcher>(current.Length);
        WanFetcher? mine = null;
        foreach (var fetcher in current)
        {
            if (fetcher.AgentId == agentId)
            {
                mine = fetcher;
                continue;
            }

            if (now - fetcher.LastAnnounce > settings.AnnounceTimeout)
            {
                replaced.Add((fetcher.AgentId, $"no announce for {Minutes(now - fetcher.LastAnnounce)} (limit {Minutes(settings.AnnounceTimeout)})"));
            }
            else if (fetcher.BytesLeft > 0 && now - fetcher.LastProgress > settings.ProgressTimeout)
            {
                replaced.Add((fetcher.AgentId, $"no progress for {Minutes(now - fetcher.LastProgress)} (limit {Minutes(settings.ProgressTimeout)})"));
            }
            else if (fetcher.BytesLeft == 0)
            {
                // Done: the package is in the site now; its peers take over from here.
                replaced.Add((fetcher.AgentId, "finished its download; the site's peers serve the package now"));
            }
            else
            {
                kept.Add(fetcher);
            }
        }

        if (mine is not null && siteHasSeed)
        {
            return new FetcherElection(
                kept.ToImmutable(), false, "was a WAN fetcher; a peer of its site now holds the whole package",
                replaced.ToImmutable().Add((mine.AgentId, "a site peer holds the whole package")));
        }

        if (mine is not null)
        {
            return Refresh(mine, kept, bytesLeft, now, settings, replaced.ToImmutable());
        }

        if (bytesLeft == 0)
        {
            return new FetcherElection(kept.ToImmutable(), false, "it already holds the whole package", replaced.ToImmutable());
        }

        if (siteHasSeed)
        {
            return new FetcherElection(kept.ToImmutable(), false, "a peer of its site already holds the whole package", replaced.ToImmutable());
        }

        if (kept.Count >= settings.MaxFetchersPerSite)
        {
            return new FetcherElection(
                kept.ToImmutable(),
                false,
                $"the site already has {kept.Count} of at most {settings.MaxFetchersPerSite} WAN fetcher(s); it waits for its site peers",
                replaced.ToImmutable());
        }

        kept.Add(new WanFetcher(agentId, now, now, bytesLeft, now));
        var why = replaced.Count > 0
            ? $"elected WAN fetcher in place of {string.Join(", ", replaced.Select(r => $"{r.Item1} ({r.Item2})"))}"
            : $"elected WAN fetcher ({kept.Count} of at most {settings.MaxFetchersPerSite} for this site)";
        return new FetcherElection(kept.ToImmutable(), true, why, replaced.ToImmutable());
    }

    private static FetcherElection Refresh(
        WanFetcher mine, ImmutableArray<WanFetcher>.Builder kept, long bytesLeft, DateTimeOffset now, WanFetcherSettings settings, ImmutableArray<(Guid, string)> replaced)
    {
        if (bytesLeft == 0)
        {
            return new FetcherElection(
                kept.ToImmutable(), false, "finished its download; the site's peers serve the package now",
                replaced.Add((mine.AgentId, "finished its download")));
        }

        var progressed = bytesLeft < mine.BytesLeft;
        var lastProgress = progressed ? now : mine.LastProgress;
        if (now - lastProgress > settings.ProgressTimeout)
        {
            return new FetcherElection(
                kept.ToImmutable(), false,
                $"was a WAN fetcher but made no progress for {Minutes(now - lastProgress)}; another agent takes over",
                replaced.Add((mine.AgentId, "no progress")));
        }

        kept.Add(mine with { LastAnnounce = now, BytesLeft = bytesLeft, LastProgress = lastProgress });
        return new FetcherElection(kept.ToImmutable(), true, $"WAN fetcher since {mine.ElectedAt:u}", replaced);
    }

    private static string Minutes(TimeSpan span) => $"{span.TotalMinutes:0.#} min";
}
