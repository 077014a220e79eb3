namespace EnterpriseDistrib.Catalog.Entities;

/// <summary>One published build of a package: its torrent (what to download) and its install spec (what to run).</summary>
public sealed class PackageVersion
{
    public Guid Id { get; set; }

    public Guid PackageId { get; set; }

    /// <summary>The publisher's version text ("24.08.1"); unique within a package.</summary>
    public required string VersionLabel { get; set; }

    /// <summary>BitTorrent v1 info-hash, 40 lowercase hex characters; unique across the catalog.</summary>
    public required string InfoHash { get; set; }

    /// <summary>Total content length in bytes.</summary>
    public long TotalSize { get; set; }

    public int PieceLength { get; set; }

    public int PieceCount { get; set; }

    /// <summary>The files in the content, in torrent order.</summary>
    public List<PackageFile> Files { get; set; } = [];

    /// <summary>The .torrent file as published.</summary>
    public required byte[] TorrentBytes { get; set; }

    public required InstallSpec Install { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    public required string PublishedBy { get; set; }

    /// <summary>How far the content has come to the origin; rollouts need <see cref="PackageContentState.Available"/>.</summary>
    public PackageContentState ContentState { get; set; }

    /// <summary>When every piece verified at the origin; null until then.</summary>
    public DateTimeOffset? AvailableAt { get; set; }

    /// <summary>Why the content was refused (the pieces that failed and the ranges to send again); null otherwise.</summary>
    public string? ContentProblem { get; set; }
}
