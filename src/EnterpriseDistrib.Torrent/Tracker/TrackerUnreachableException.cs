namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>No usable answer came back: connection refused, timeout, or an HTTP error status. Worth retrying later.</summary>
public sealed class TrackerUnreachableException : TrackerException
{
    public TrackerUnreachableException(Uri? trackerUrl, string problem, Exception? innerException = null)
        : base(trackerUrl, $"Tracker {trackerUrl} could not be reached: {problem}", innerException)
    {
    }
}
