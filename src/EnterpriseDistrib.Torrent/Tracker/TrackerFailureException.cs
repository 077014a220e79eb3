namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>The tracker answered with a <c>failure reason</c>: it understood the request and refused it.</summary>
public sealed class TrackerFailureException : TrackerException
{
    public TrackerFailureException(Uri? trackerUrl, string failureReason)
        : base(trackerUrl, $"Tracker {trackerUrl} refused the request: {failureReason}")
    {
        FailureReason = failureReason;
    }

    public string FailureReason { get; }
}
