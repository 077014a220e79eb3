using EnterpriseDistrib.Catalog;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.OfficeGroups;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.Catalog.Sites;
using EnterpriseDistrib.Catalog.Status;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AgentEntity = EnterpriseDistrib.Catalog.Entities.Agent;

namespace EnterpriseDistrib.Benchmarks.StatusIngest;

/// <summary>
/// The fleet and the reports of the status-ingest benchmark: one rollout, agents spread over sites, and for each
/// agent a run of reports from Pending to Succeeded with increasing sequences, arriving in a seeded random order
/// (so late, out-of-order reports are part of the load, as they are when thousands of agents retry).
/// </summary>
internal sealed class StatusIngestWorkload
{
    private StatusIngestWorkload(Guid rolloutId, IReadOnlyList<StatusReport> reports, int agents)
    {
        RolloutId = rolloutId;
        Reports = reports;
        Agents = agents;
    }

    public Guid RolloutId { get; }

    public IReadOnlyList<StatusReport> Reports { get; }

    public int Agents { get; }

    public static async Task<StatusIngestWorkload> SeedAsync(IServiceProvider services, int agentCount, int reportCount, int siteCount, CancellationToken cancellationToken)
    {
        const string actor = "benchmark";
        var sites = new List<Site>();
        for (var i = 0; i < siteCount; i++)
        {
            sites.Add(await services.GetRequiredService<SiteStore>().CreateAsync(new SiteDraft($"site-{i:D3}", [$"10.{i / 256}.{i % 256}.0/24"]), actor, cancellationToken));
        }

        var group = await services.GetRequiredService<OfficeGroupStore>().CreateAsync(new OfficeGroupDraft("all", [.. sites.Select(s => s.Id)]), actor, cancellationToken);
        var packages = services.GetRequiredService<Catalog.Packages.PackageStore>();
        var package = await packages.CreatePackageAsync("bench", null, actor, cancellationToken);
        var version = await packages.AddVersionAsync(package.Id, new PackageVersion
        {
            VersionLabel = "1",
            InfoHash = new string('a', 40),
            TotalSize = 1 << 30,
            PieceLength = 1 << 22,
            PieceCount = 256,
            TorrentBytes = [0],
            PublishedBy = actor,
            Install = new InstallSpec { Kind = InstallerKind.Msi, Command = "setup.msi", TimeoutSeconds = 600 },
        }, actor, cancellationToken);
        var rollout = await services.GetRequiredService<RolloutStore>().CreateAsync(
            new RolloutDraft("bench", version.Id, [new WaveDraft(group.Id, DateTimeOffset.UtcNow)]), actor, cancellationToken);

        var agents = new List<AgentEntity>(agentCount);
        await using (var context = await services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            for (var i = 0; i < agentCount; i++)
            {
                agents.Add(new AgentEntity
                {
                    Id = Guid.CreateVersion7(),
                    Hostname = $"pc-{i:D6}",
                    CredentialHash = Guid.NewGuid().ToByteArray(),
                    SiteId = sites[i % sites.Count].Id,
                    EnrolledAt = DateTimeOffset.UtcNow,
                });
            }

            context.Agents.AddRange(agents);
            await context.SaveChangesAsync(cancellationToken);
        }

        return new StatusIngestWorkload(rollout.Id, MakeReports(agents, rollout.Id, reportCount), agentCount);
    }

    private static List<StatusReport> MakeReports(List<AgentEntity> agents, Guid rolloutId, int reportCount)
    {
        var perAgent = Math.Max(2, reportCount / agents.Count);
        var reports = new List<StatusReport>(agents.Count * perAgent);
        var start = DateTimeOffset.UtcNow;
        foreach (var agent in agents)
        {
            for (var step = 1; step <= perAgent; step++)
            {
                // The last report of every agent is its success; the ones before it show progress.
                var last = step == perAgent;
                var progress = last ? 100 : 100 * step / perAgent;
                reports.Add(new StatusReport(agent.Id, rolloutId, step, start.AddSeconds(step),
                    last ? AgentRolloutState.Succeeded : step == 1 ? AgentRolloutState.Pending : AgentRolloutState.Downloading,
                    progress, (1L << 30) * progress / 100, last ? 0 : null, SiteId: agent.SiteId,
                    Transfers: last ? [new TransferTotal(TransferSourceClass.SameSite, agent.SiteId, 1L << 30)] : null));
            }
        }

        var random = new Random(20261128);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(reports));
        return reports;
    }
}
