using EnterpriseDistrib.Agent.Configuration;
using EnterpriseDistrib.Agent.ServerApi;

namespace EnterpriseDistrib.Agent.Bandwidth;

/// <summary>
/// Which caps apply when: the normal caps, and inside business hours (time of day in <see cref="TimeZone"/>, or in the
/// clock's own offset when null) the business-hours caps. The agent's configuration gives the defaults
/// (<see cref="FromSettings"/>); the site's policy from the heartbeat replaces its business hours (<see cref="WithSite"/>).
/// </summary>
public sealed record BandwidthPolicy(BandwidthCaps Normal, BandwidthCaps? BusinessHours, TimeSpan BusinessStart, TimeSpan BusinessEnd, TimeZoneInfo? TimeZone = null)
{
    public static BandwidthPolicy FromSettings(AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var normal = new BandwidthCaps(settings.DownloadRateLimit, settings.UploadRateLimit);
        if (settings.BusinessHoursStart is not { } start || settings.BusinessHoursEnd is not { } end)
        {
            return new BandwidthPolicy(normal, null, TimeSpan.Zero, TimeSpan.Zero);
        }

        var business = new BandwidthCaps(
            settings.BusinessHoursDownloadRateLimit > 0 ? settings.BusinessHoursDownloadRateLimit : normal.Download,
            settings.BusinessHoursUploadRateLimit > 0 ? settings.BusinessHoursUploadRateLimit : normal.Upload);
        return new BandwidthPolicy(normal, business, start, end);
    }

    /// <summary>
    /// This policy with the site's business hours and caps, read in the site's zone (UTC when it has none), when the
    /// server sends them: an admin's per-site policy wins over each agent's file. The normal caps stay the agent's.
    /// Without a site policy, this policy unchanged.
    /// </summary>
    public BandwidthPolicy WithSite(SiteBusinessHours? site, string? siteTimeZone) => site is null
        ? this
        : new BandwidthPolicy(
            Normal,
            new BandwidthCaps(site.DownloadBytesPerSecond, site.UploadBytesPerSecond),
            site.Start.ToTimeSpan(),
            site.End.ToTimeSpan(),
            SiteTimeZones.Resolve(siteTimeZone));

    /// <summary>The caps at <paramref name="now"/>; a window whose end is before its start spans midnight.</summary>
    public BandwidthCaps At(DateTimeOffset now)
    {
        if (BusinessHours is null)
        {
            return Normal;
        }

        var time = (TimeZone is null ? now : TimeZoneInfo.ConvertTime(now, TimeZone)).TimeOfDay;
        var inside = BusinessStart <= BusinessEnd
            ? time >= BusinessStart && time < BusinessEnd
            : time >= BusinessStart || time < BusinessEnd;
        return inside ? BusinessHours : Normal;
    }
}
