namespace EnterpriseDistrib.Torrent.Throttling;

/// <summary>
/// Lets bytes pass only when every limiter in the chain allows them, e.g. a torrent's bucket and then the global one.
/// </summary>
public sealed class ChainedRateLimiter : IByteRateLimiter
{
    private readonly IByteRateLimiter[] _limiters;

    /// <param name="limiters">Waited on in order; put the narrowest (per-torrent) first so the global bucket is not held while a torrent waits.</param>
    public ChainedRateLimiter(params IByteRateLimiter[] limiters)
    {
        ArgumentNullException.ThrowIfNull(limiters);
        _limiters = [.. limiters];
    }

    public async ValueTask WaitAsync(int bytes, CancellationToken cancellationToken)
    {
        foreach (var limiter in _limiters)
        {
            await limiter.WaitAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
