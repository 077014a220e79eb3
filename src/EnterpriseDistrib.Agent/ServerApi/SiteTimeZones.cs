namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>Turns the IANA time zone id the server sends for a site into the zone its times of day are read in.</summary>
public static class SiteTimeZones
{
    /// <summary>The zone named <paramref name="id"/>; UTC when none is set, and when this machine does not know the id.</summary>
    public static TimeZoneInfo Resolve(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
