using EnterpriseDistrib.Catalog;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.OfficeGroups;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.Catalog.Sites;
using EnterpriseDistrib.Server.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AgentEntity = EnterpriseDistrib.Catalog.Entities.Agent;

namespace EnterpriseDistrib.Benchmarks.StatusIngest;

/// <summary>
/// The fleet of the API benchmark: sites in one office group, one running rollout, and agents enrolled with
/// credentials the benchmark knows (stored hashed, exactly as enrollment stores them).
/// </summary>
internal sealed class StatusApiFleet
{
    private StatusApiFleet(Guid rolloutId, IReadOnlyList<string> credentials)
    {
        RolloutId = rolloutId;
        Credentials = credentials;
    }

    public Guid RolloutId { get; }

    /// <summary>One bearer credential per agent.</summary>
    public IReadOnlyList<string> Credentials { get; }

    public static async Task<StatusApiFleet> SeedAsync(IServiceProvider services, int agentCount, int siteCount, CancellationToken cancellationToken)
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
        var version = await packages.AddVersionAsync(package.Id, new PackageVersion
        {
            VersionLabel = "1",
            InfoHash = new string('b', 40),
            TotalSize = 1 << 30,
            PieceLength = 1 << 22,
            PieceCount = 256,
            TorrentBytes = [0],
            PublishedBy = actor,
            Install = new InstallSpec { Kind = InstallerKind.Msi, Command = "setup.msi", TimeoutSeconds = 600 },
        }, actor, cancellationToken);
        var rollout = await services.GetRequiredService<RolloutStore>().CreateAsync(
            new RolloutDraft("bench", version.Id, [new WaveDraft(group.Id, DateTimeOffset.UtcNow.AddMinutes(-1))], FailureThreshold: 1, FailureMinimumSample: 1_000_000),
            actor, cancellationToken);

        var credentials = new List<string>(agentCount);
        await using var context = await services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync(cancellationToken);
        for (var i = 0; i < agentCount; i++)
        {
            var credential = AgentCredential.NewCredential();
            credentials.Add(credential);
            context.Agents.Add(new AgentEntity
            {
                Id = Guid.CreateVersion7(),
                Hostname = $"pc-{i:D6}",
                CredentialHash = AgentCredential.Hash(credential),
                SiteId = sites[i % sites.Count].Id,
                EnrolledAt = DateTimeOffset.UtcNow,
            });
        }

        await context.SaveChangesAsync(cancellationToken);
        return new StatusApiFleet(rollout.Id, credentials);
    }
}
