namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>One wave of a rollout: an office group, when it opens and by when it should be installed.</summary>
public sealed class RolloutWave
{
    public Guid Id { get; set; }

    public Guid RolloutId { get; set; }

    /// <summary>0-based position in the rollout.</summary>
    public int Ordinal { get; set; }

    public Guid OfficeGroupId { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    /// <summary>Install deadline; agents pre-stage before it and install by it. Null for "as soon as downloaded".</summary>
    public DateTimeOffset? Deadline { get; set; }
}
