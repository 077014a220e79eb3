namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>
/// The site's business hours from the heartbeat (times of day in the site's time zone; an end before the start spans
/// midnight) and the caps during them in bytes per second (0 = no cap).
/// </summary>
public sealed record SiteBusinessHours(TimeOnly Start, TimeOnly End, long DownloadBytesPerSecond, long UploadBytesPerSecond);
