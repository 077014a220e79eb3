namespace EnterpriseDistrib.Catalog.Enrollment;

/// <summary>A new enrollment token: the caller makes the secret, shows it once, and passes only its hash.</summary>
public sealed record EnrollmentTokenDraft(string Description, byte[] SecretHash, DateTimeOffset ExpiresAt, Guid? SiteId = null, int? MaxUses = null);
