using EnterpriseDistrib.Catalog.Sites;

namespace EnterpriseDistrib.Server.Api;

/// <summary>
/// A site's business hours as the API reads and shows them: <see cref="Start"/> and <see cref="End"/> are times of day
/// ("08:00") in the site's time zone (an end before the start spans midnight), and each agent's caps during them in
/// bytes per second (0 = no cap). Outside them the agents' own caps apply.
/// </summary>
public sealed record SiteBusinessHours(string? Start, string? End, long DownloadBytesPerSecond = 0, long UploadBytesPerSecond = 0)
{
    internal BusinessHoursPolicy? Validate(Validation validation)
    {
        var startValid = TimeOfDayText.TryParse(Start, out var start);
        var endValid = TimeOfDayText.TryParse(End, out var end);
        validation
            .Check(startValid, "businessHours.start", "businessHours.start must be a time of day such as 08:00 (24-hour clock, site time zone).")
            .Check(endValid, "businessHours.end", "businessHours.end must be a time of day such as 18:00 (24-hour clock, site time zone).")
            .Check(!startValid || !endValid || start != end, "businessHours.end",
                "businessHours.end must differ from start (an end before the start spans midnight); omit businessHours for no business-hours caps.")
            .Check(DownloadBytesPerSecond >= 0, "businessHours.downloadBytesPerSecond", "businessHours.downloadBytesPerSecond must be 0 (no cap) or more.")
            .Check(UploadBytesPerSecond >= 0, "businessHours.uploadBytesPerSecond", "businessHours.uploadBytesPerSecond must be 0 (no cap) or more.");
        return startValid && endValid && start != end && DownloadBytesPerSecond >= 0 && UploadBytesPerSecond >= 0
            ? new BusinessHoursPolicy(start, end, DownloadBytesPerSecond, UploadBytesPerSecond)
            : null;
    }

    internal static SiteBusinessHours? From(BusinessHoursPolicy? policy) => policy is null
        ? null
        : new SiteBusinessHours(TimeOfDayText.Format(policy.Start), TimeOfDayText.Format(policy.End), policy.DownloadBytesPerSecond, policy.UploadBytesPerSecond);
}
