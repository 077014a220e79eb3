namespace EnterpriseDistrib.Torrent.WebSeeds;

/// <summary>
/// A torrent's web seeds taken together: each read goes to the next seed that is not resting, and falls over to the
/// others when it fails, so the engine sees one source. The set can change while reads run (a tracker hands web seeds
/// to a site's WAN fetcher and later takes them back); a read in progress finishes on the set it started with.
/// </summary>
public sealed class WebSeedPool
{
    private WebSeed[] _seeds;
    private int _next;

    public WebSeedPool(IEnumerable<WebSeed> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        _seeds = [.. seeds];
    }

    public IReadOnlyList<WebSeed> Seeds => Volatile.Read(ref _seeds);

    /// <summary>Whether any seed could be asked right now.</summary>
    public bool HasAvailableSeed => Volatile.Read(ref _seeds).Any(s => s.IsAvailable);

    /// <summary>Replaces the set of seeds; reads already running keep the seeds they started with.</summary>
    public void Replace(IEnumerable<WebSeed> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        Volatile.Write(ref _seeds, [.. seeds]);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> from the content at <paramref name="offset"/> and returns the seed that
    /// served it; throws the last seed's <see cref="WebSeedException"/> when every available seed failed, or
    /// <see cref="InvalidOperationException"/> when none is available.
    /// </summary>
    public async Task<WebSeed> ReadAsync(WebSeedContent content, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        // Rotate the starting seed so concurrent reads spread over the seeds.
        var seeds = Volatile.Read(ref _seeds);
        var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)Math.Max(1, seeds.Length));
        WebSeedException? last = null;
        for (var i = 0; i < seeds.Length; i++)
        {
            var seed = seeds[(start + i) % seeds.Length];
            if (!seed.IsAvailable)
            {
                continue;
            }

            try
            {
                await seed.ReadAsync(content, offset, destination, cancellationToken).ConfigureAwait(false);
                return seed;
            }
            catch (WebSeedException ex)
            {
                last = ex;
            }
        }

        throw last ?? (Exception)new InvalidOperationException("No web seed is available: all are resting after failures.");
    }
}
