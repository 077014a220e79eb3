namespace EnterpriseDistrib.Catalog.Sites;

/// <summary>
/// A site's daily business hours (in its time zone; <see cref="End"/> before <see cref="Start"/> spans midnight) and
/// each agent's caps during them, in bytes per second (0 = no cap).
/// </summary>
public sealed record BusinessHoursPolicy(TimeOnly Start, TimeOnly End, long DownloadBytesPerSecond, long UploadBytesPerSecond);
