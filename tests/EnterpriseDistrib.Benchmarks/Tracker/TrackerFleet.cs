using EnterpriseDistrib.Catalog;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.OfficeGroups;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.Catalog.Sites;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Torrent.Metainfo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AgentEntity = EnterpriseDistrib.Catalog.Entities.Agent;

namespace EnterpriseDistrib.Benchmarks.Tracker;

/// <summary>The tracker benchmark's catalog: sites in one office group, one package version in a running rollout, and enrolled agents pinned to the sites.</summary>
internal sealed record TrackerFleet(InfoHash InfoHash, IReadOnlyList<Guid> AgentIds)
{
    public static async Task<TrackerFleet> SeedAsync(IServiceProvider services, int agentCount, int siteCount, CancellationToken cancellationToken)
    {
        const string actor = "benchmark";
        var sites = new List<Site>();
        for (var i = 0; i < siteCount; i++)
        {
            sites.Add(await services.GetRequiredService<SiteStore>().CreateAsync(new SiteDraft($"site-{i:D3}", [$"10.{i / 256}.{i % 256}.0/24"]), actor, cancellationToken));
        }

        var group = await services.GetRequiredService<OfficeGroupStore>().CreateAsync(new OfficeGroupDraft("all", [.. sites.Select(s => s.Id)]), actor, cancellationToken);
        var packages = services.GetRequiredService<PackageStore>();
        var package = await packages.CreatePackageAsync("bench", null, actor, cancellationToken);
        var infoHash = InfoHash.ParseHex("0123456789abcdef0123456789abcdef01234567");
        var version = await packages.AddVersionAsync(package.Id, new PackageVersion
        {
            VersionLabel = "1",
            InfoHash = infoHash.ToHex(),
            TotalSize = 1 << 30,
            PieceLength = 1 << 22,
            PieceCount = 256,
            TorrentBytes = [0],
            PublishedBy = actor,
            Install = new InstallSpec { Kind = InstallerKind.Msi, Command = "setup.msi", TimeoutSeconds = 600 },
        }, actor, cancellationToken);
        await services.GetRequiredService<RolloutStore>().CreateAsync(
            new RolloutDraft("bench", version.Id, [new WaveDraft(group.Id, DateTimeOffset.UtcNow.AddMinutes(-1))], FailureThreshold: 1, FailureMinimumSample: 1_000_000),
            actor, cancellationToken);

        var ids = new List<Guid>(agentCount);
        await using var context = await services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync(cancellationToken);
        for (var i = 0; i < agentCount; i++)
        {
            var id = Guid.CreateVersion7();
            ids.Add(id);
            context.Agents.Add(new AgentEntity
            {
                Id = id,
                Hostname = $"pc-{i:D6}",
                CredentialHash = AgentCredential.Hash(AgentCredential.NewCredential()),
                SiteId = sites[i % sites.Count].Id,
                SitePinned = true,
                EnrolledAt = DateTimeOffset.UtcNow,
            });
        }

        await context.SaveChangesAsync(cancellationToken);
        return new TrackerFleet(infoHash, ids);
    }
}
