namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>The <c>event</c> parameter of a BEP 3 announce; <see cref="None"/> is a regular, periodic announce.</summary>
public enum AnnounceEvent
{
    None,
    Started,
    Completed,
    Stopped,
}
