namespace EnterpriseDistrib.Catalog.Sites;

/// <summary>What agents of a site need to know about its clock: its IANA time zone (null = UTC) and business-hours policy.</summary>
public sealed record SiteSchedule(string? TimeZone, BusinessHoursPolicy? BusinessHours);
