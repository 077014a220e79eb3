using EnterpriseDistrib.Catalog.Entities;

namespace EnterpriseDistrib.Catalog.Packages;

/// <summary>A package version without its .torrent bytes and file list, for lists.</summary>
public sealed record PackageVersionSummary(
    Guid Id,
    Guid PackageId,
    string VersionLabel,
    string InfoHash,
    long TotalSize,
    int PieceLength,
    int FileCount,
    InstallerKind InstallerKind,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    PackageContentState ContentState);
