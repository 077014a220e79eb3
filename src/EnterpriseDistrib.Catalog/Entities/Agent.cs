namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>An enrolled endpoint: who it is, where it was placed and why, and its (hashed) credential.</summary>
public sealed class Agent : IVersioned
{
    public Guid Id { get; set; }

    public required string Hostname { get; set; }

    public string? OperatingSystem { get; set; }

    public string? AgentVersion { get; set; }

    /// <summary>The site the agent belongs to, or null when no range matched and no site was pinned.</summary>
    public Guid? SiteId { get; set; }

    /// <summary>True when the site comes from the agent's configuration or its enrollment token, not from its address.</summary>
    public bool SitePinned { get; set; }

    /// <summary>Why the agent is at <see cref="SiteId"/>, in words an admin reads ("10.1.2.3 is in 10.1.0.0/16 of Paris").</summary>
    public string? SiteReason { get; set; }

    /// <summary>The address the agent last connected from.</summary>
    public string? LastAddress { get; set; }

    public DateTimeOffset EnrolledAt { get; set; }

    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>The enrollment token it enrolled with, kept for the audit trail.</summary>
    public Guid? EnrollmentTokenId { get; set; }

    /// <summary>SHA-256 (or stronger) hash of the agent's credential; the credential itself is never stored.</summary>
    public required byte[] CredentialHash { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    public long Version { get; set; }
}
