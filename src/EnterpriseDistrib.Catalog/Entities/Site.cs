namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>An office: the network ranges its endpoints connect from, an optional parent region and its WAN link.</summary>
public sealed class Site : IVersioned
{
    public Guid Id { get; set; }

    /// <summary>Unique, shown to admins ("Paris-HQ").</summary>
    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>The enclosing site (region) if any; used for reports and hierarchy, not for address matching.</summary>
    public Guid? ParentId { get; set; }

    /// <summary>Capacity of the office's WAN link in bits per second, when known.</summary>
    public long? WanCapacityBitsPerSecond { get; set; }

    /// <summary>IANA time zone name ("Europe/Paris") used for business hours; UTC when not set.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Start of the daily business hours in <see cref="TimeZone"/>; with <see cref="BusinessHoursEnd"/>, both set or neither.</summary>
    public TimeOnly? BusinessHoursStart { get; set; }

    /// <summary>End of the business hours; before the start, the hours span midnight.</summary>
    public TimeOnly? BusinessHoursEnd { get; set; }

    /// <summary>Each agent's download cap during business hours, bytes per second (0 = no cap).</summary>
    public long BusinessHoursDownloadBytesPerSecond { get; set; }

    /// <summary>Each agent's upload cap during business hours, bytes per second (0 = no cap).</summary>
    public long BusinessHoursUploadBytesPerSecond { get; set; }

    public List<SiteRange> Ranges { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public long Version { get; set; }
}
