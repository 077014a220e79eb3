namespace EnterpriseDistrib.Torrent.Throttling;

/// <summary>Something that paces a stream of bytes: callers wait for permission before sending or after receiving.</summary>
public interface IByteRateLimiter
{
    /// <summary>
    /// Completes when <paramref name="bytes"/> may pass. Requests larger than the burst are allowed one at a time and
    /// paid for afterwards, so a large block never waits forever and the long-run rate still holds.
    /// </summary>
    ValueTask WaitAsync(int bytes, CancellationToken cancellationToken);
}
