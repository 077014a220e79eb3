using System.Collections.Concurrent;
using System.Collections.Frozen;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.ControlPlane.Policies;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Server.Tracker;

/// <summary>
/// The running rollouts, office-group membership and their versions' info-hashes as of one catalog read; answers
/// "is this info-hash assigned to an agent at site S" with <see cref="AssignmentRules"/>, computed once per site.
/// </summary>
internal sealed class AssignmentSnapshot(
    IReadOnlyList<Rollout> running,
    IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> membership,
    FrozenDictionary<Guid, InfoHash> infoHashes,
    DateTimeOffset takenAt)
{
    private readonly ConcurrentDictionary<Guid, FrozenDictionary<InfoHash, TrackedPackage>> _bySite = new();

    public static AssignmentSnapshot Empty { get; } = new([], new Dictionary<Guid, IReadOnlySet<Guid>>(), FrozenDictionary<Guid, InfoHash>.Empty, DateTimeOffset.MinValue);

    public DateTimeOffset TakenAt { get; } = takenAt;

    /// <summary>Version ids and info-hashes of everything some running rollout hands out.</summary>
    public FrozenDictionary<Guid, InfoHash> InfoHashes { get; } = infoHashes;

    public bool TryGetAssigned(Guid? siteId, InfoHash infoHash, out TrackedPackage package)
    {
        package = null!;
        return siteId is { } site && _bySite.GetOrAdd(site, Compute).TryGetValue(infoHash, out package!);
    }

    private FrozenDictionary<InfoHash, TrackedPackage> Compute(Guid site)
    {
        var packages = new Dictionary<InfoHash, TrackedPackage>();
        foreach (var assignment in AssignmentRules.For(site, running, membership, TakenAt))
        {
            if (InfoHashes.TryGetValue(assignment.PackageVersionId, out var infoHash))
            {
                // Two rollouts of one version reaching a site: the larger K wins (the looser limit an admin set).
                packages[infoHash] = packages.TryGetValue(infoHash, out var other) && other.MaxWanFetchersPerSite >= assignment.MaxWanFetchersPerSite
                    ? other
                    : new TrackedPackage(assignment.PackageVersionId, infoHash, assignment.MaxWanFetchersPerSite);
            }
        }

        return packages.ToFrozenDictionary();
    }
}
