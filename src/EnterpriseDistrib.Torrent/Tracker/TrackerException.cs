namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>Base of every error an HTTP tracker exchange reports; <see cref="TrackerUrl"/> names the tracker.</summary>
public abstract class TrackerException : Exception
{
    protected TrackerException(Uri? trackerUrl, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        TrackerUrl = trackerUrl;
    }

    public Uri? TrackerUrl { get; }
}
