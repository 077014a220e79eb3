namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>A token an admin hands to endpoints so they can enroll: scoped, expiring, revocable, optionally limited in uses.</summary>
public sealed class EnrollmentToken : IVersioned
{
    public Guid Id { get; set; }

    /// <summary>What the token is for ("Paris laptops, November"), shown in lists.</summary>
    public required string Description { get; set; }

    /// <summary>Hash of the secret; the secret is shown once at creation and never stored.</summary>
    public required byte[] SecretHash { get; set; }

    /// <summary>When set, agents enrolled with this token are pinned to this site.</summary>
    public Guid? SiteId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Null for unlimited.</summary>
    public int? MaxUses { get; set; }

    public int UseCount { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    public long Version { get; set; }
}
