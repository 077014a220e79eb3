namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>One admin change: who did what to which thing, and when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The admin's identity (object id or UPN) or "system" for the control plane's own moves.</summary>
    public required string Actor { get; set; }

    /// <summary>A verb such as "site.create", "rollout.pause".</summary>
    public required string Action { get; set; }

    /// <summary>The kind of thing changed ("site", "rollout"…).</summary>
    public required string TargetType { get; set; }

    public string? TargetId { get; set; }

    /// <summary>Free text or JSON with the change's details.</summary>
    public string? Details { get; set; }
}
