using System.Net;

namespace EnterpriseDistrib.Torrent.Swarm.Connections;

/// <summary>
/// The endpoints a torrent may connect to (from trackers and <c>--peer</c>), which of them are connected
/// or being dialled, and when a failed one may be tried again. Thread-safe.
/// </summary>
internal sealed class PeerDirectory(IEnumerable<IPEndPoint> pinned, TimeSpan retryAfter)
{
    private readonly Lock _gate = new();
    private readonly HashSet<IPEndPoint> _pinned = [.. pinned];
    private readonly HashSet<IPEndPoint> _busy = [];
    private readonly Dictionary<IPEndPoint, long> _notBefore = [];
    private readonly Queue<IPEndPoint> _candidates = new();

    public void Add(IPEndPoint endPoint)
    {
        lock (_gate)
        {
            if (!_busy.Contains(endPoint) && !_candidates.Contains(endPoint))
            {
                _candidates.Enqueue(endPoint);
            }
        }
    }

    /// <summary>Endpoints to dial now, at most <paramref name="max"/>; each is marked busy until <see cref="Release"/>.</summary>
    public List<IPEndPoint> TakeForDialling(int max, long nowTicks)
    {
        List<IPEndPoint> result = [];
        lock (_gate)
        {
            // Pinned peers (--peer) come back after a drop without waiting for a tracker.
            foreach (var endPoint in _pinned)
            {
                if (!_busy.Contains(endPoint) && !_candidates.Contains(endPoint))
                {
                    _candidates.Enqueue(endPoint);
                }
            }

            var count = _candidates.Count;
            for (var i = 0; i < count && result.Count < max; i++)
            {
                var endPoint = _candidates.Dequeue();
                if (_busy.Contains(endPoint))
                {
                    continue;
                }

                if (_notBefore.TryGetValue(endPoint, out var notBefore) && notBefore > nowTicks)
                {
                    _candidates.Enqueue(endPoint);
                    continue;
                }

                _busy.Add(endPoint);
                result.Add(endPoint);
            }
        }

        return result;
    }

    /// <summary>An incoming connection from a peer's listen endpoint: don't dial it as well.</summary>
    public bool TryMarkBusy(IPEndPoint endPoint)
    {
        lock (_gate)
        {
            return _busy.Add(endPoint);
        }
    }

    /// <summary>The connection (or the attempt) ended; the endpoint may be dialled again after the retry delay.</summary>
    public void Release(IPEndPoint endPoint, long nowTicks)
    {
        lock (_gate)
        {
            _busy.Remove(endPoint);
            _notBefore[endPoint] = nowTicks + (long)retryAfter.TotalMilliseconds;
        }
    }
}
