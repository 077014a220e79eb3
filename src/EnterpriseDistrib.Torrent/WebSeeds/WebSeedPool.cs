namespace EnterpriseDistrib.Torrent.WebSeeds;

/// <summary>
/// A torrent's web seeds taken together: each read goes to the next seed that is not resting, and falls over to the
/// others when it fails, so the engine sees one source.
/// </summary>
public sealed class WebSeedPool
{
    private readonly WebSeed[] _seeds;
    private int _next;

    public WebSeedPool(IEnumerable<WebSeed> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        _seeds = [.. seeds];
    }

    public IReadOnlyList<WebSeed> Seeds => _seeds;

    /// <summary>Whether any seed could be asked right now.</summary>
    public bool HasAvailableSeed => _seeds.Any(s => s.IsAvailable);

    /// <summary>
    /// Fills <paramref name="destination"/> from the content at <paramref name="offset"/> and returns the seed that
    /// served it; throws the last seed's <see cref="WebSeedException"/> when every available seed failed, or
    /// <see cref="InvalidOperationException"/> when none is available.
    /// </summary>
    public async Task<WebSeed> ReadAsync(WebSeedContent content, long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        // Rotate the starting seed so concurrent reads spread over the seeds.
        var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)Math.Max(1, _seeds.Length));
        WebSeedException? last = null;
        for (var i = 0; i < _seeds.Length; i++)
        {
            var seed = _seeds[(start + i) % _seeds.Length];
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
