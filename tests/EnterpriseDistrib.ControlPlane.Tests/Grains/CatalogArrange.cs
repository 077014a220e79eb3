using System.Security.Cryptography;
using EnterpriseDistrib.Catalog.Enrollment;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.OfficeGroups;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.Catalog.Sites;
using EnterpriseDistrib.Catalog.Status;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseDistrib.ControlPlane.Tests.Grains;

/// <summary>Arranges catalog data for grain tests through the catalog's own stores.</summary>
internal sealed class CatalogArrange(IServiceProvider services)
{
    private const string Actor = "grain-test";

    private T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public async Task<Guid> GroupWithNewSiteAsync()
    {
        var site = await Get<SiteStore>().CreateAsync(new SiteDraft(Name("site"), [$"10.{RandomNumberGenerator.GetInt32(256)}.{RandomNumberGenerator.GetInt32(256)}.0/24"]), Actor);
        var group = await Get<OfficeGroupStore>().CreateAsync(new OfficeGroupDraft(Name("group"), [site.Id]), Actor);
        return group.Id;
    }

    public async Task<Guid> SiteOfGroupAsync(Guid groupId) => (await Get<OfficeGroupStore>().GetAsync(groupId))!.Sites.Single().SiteId;

    public async Task<Guid> RolloutAsync(IReadOnlyList<(Guid Group, DateTimeOffset StartsAt)> waves, double threshold = 0.5, int minimumSample = 3)
    {
        var packages = Get<PackageStore>();
        var package = await packages.CreatePackageAsync(Name("pkg"), null, Actor);
        var version = await packages.AddVersionAsync(package.Id, new PackageVersion
        {
            VersionLabel = "1.0",
            InfoHash = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant(),
            TotalSize = 1,
            PieceLength = 16384,
            PieceCount = 1,
            TorrentBytes = [1],
            Install = new InstallSpec { Kind = InstallerKind.Msi, Command = "msiexec" },
            PublishedBy = Actor,
        }, Actor);
        var rollout = await Get<RolloutStore>().CreateAsync(
            new RolloutDraft(Name("rollout"), version.Id, [.. waves.Select(w => new WaveDraft(w.Group, w.StartsAt))], threshold, minimumSample), Actor);
        return rollout.Id;
    }

    /// <summary>Enrolls <paramref name="count"/> agents at <paramref name="siteId"/>.</summary>
    public async Task<Guid[]> AgentsAsync(Guid siteId, int count)
    {
        var tokens = Get<EnrollmentTokenStore>();
        var secret = RandomNumberGenerator.GetBytes(32);
        await tokens.CreateAsync(new EnrollmentTokenDraft("grain test", secret, DateTimeOffset.MaxValue.AddYears(-1), siteId), Actor);
        var agents = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var outcome = await tokens.EnrollAsync(secret, new AgentRegistration(Name("pc"), RandomNumberGenerator.GetBytes(32), null, null, null, siteId, "test"));
            agents.Add(outcome.Agent!.Id);
        }

        return [.. agents];
    }

    /// <summary>Writes one report per agent with the given states, in order.</summary>
    public Task ReportAsync(Guid rolloutId, Guid siteId, IReadOnlyList<Guid> agents, IReadOnlyList<AgentRolloutState> states, long sequence = 1) =>
        Get<StatusReportWriter>().WriteAsync(
            [.. agents.Zip(states).Select(p => new StatusReport(p.First, rolloutId, sequence, DateTimeOffset.UnixEpoch, p.Second, SiteId: siteId))]);

    public async Task<Rollout> ReadAsync(Guid rolloutId) => (await Get<RolloutStore>().GetAsync(rolloutId))!;

    private static string Name(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];
}
