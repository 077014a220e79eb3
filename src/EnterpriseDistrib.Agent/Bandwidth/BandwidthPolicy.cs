using EnterpriseDistrib.Agent.Configuration;

namespace EnterpriseDistrib.Agent.Bandwidth;

/// <summary>
/// Which caps apply when: the normal caps, and inside business hours (local time of day) the business-hours caps.
/// Today the numbers come from the agent's configuration; when the heartbeat carries the site's policy, build this
/// record from it instead (<see cref="FromSettings"/> is the only constructor the agent calls).
/// </summary>
public sealed record BandwidthPolicy(BandwidthCaps Normal, BandwidthCaps? BusinessHours, TimeSpan BusinessStart, TimeSpan BusinessEnd)
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

    /// <summary>The caps at <paramref name="localTime"/>; a window whose end is before its start spans midnight.</summary>
    public BandwidthCaps At(DateTimeOffset localTime)
    {
        if (BusinessHours is null)
        {
            return Normal;
        }

        var time = localTime.TimeOfDay;
        var inside = BusinessStart <= BusinessEnd
            ? time >= BusinessStart && time < BusinessEnd
            : time >= BusinessStart || time < BusinessEnd;
        return inside ? BusinessHours : Normal;
    }
}
