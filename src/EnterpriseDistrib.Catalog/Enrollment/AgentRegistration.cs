namespace EnterpriseDistrib.Catalog.Enrollment;

/// <summary>
/// What an enrolling agent says about itself plus where the control plane placed it. If the token pins a
/// site, that site wins over <see cref="SiteId"/>.
/// </summary>
public sealed record AgentRegistration(
    string Hostname,
    byte[] CredentialHash,
    string? OperatingSystem,
    string? AgentVersion,
    string? Address,
    Guid? SiteId,
    string? SiteReason,
    bool SitePinned = false);
