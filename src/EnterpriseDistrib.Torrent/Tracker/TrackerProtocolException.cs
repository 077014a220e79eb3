namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>The tracker's answer broke the protocol: not bencode, too large, a peer list of the wrong length, and so on.</summary>
public sealed class TrackerProtocolException : TrackerException
{
    public TrackerProtocolException(Uri? trackerUrl, string problem, Exception? innerException = null)
        : base(trackerUrl, $"Tracker {trackerUrl} sent an invalid response: {problem}", innerException)
    {
        Problem = problem;
    }

    public string Problem { get; }
}
