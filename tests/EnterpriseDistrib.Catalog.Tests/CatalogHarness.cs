using EnterpriseDistrib.Catalog.Agents;
using EnterpriseDistrib.Catalog.Audit;
using EnterpriseDistrib.Catalog.Enrollment;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.OfficeGroups;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Catalog.Rollouts;
using EnterpriseDistrib.Catalog.Sites;
using EnterpriseDistrib.Catalog.Status;
using EnterpriseDistrib.Testing.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseDistrib.Catalog.Tests;

/// <summary>A migrated catalog database of its own (a PostgreSQL clone or a temp SQLite file) with the stores wired as the host wires them.</summary>
internal sealed class CatalogHarness : IAsyncDisposable
{
    public const string Actor = "admin@contoso.test";

    private readonly ServiceProvider _services;
    private readonly string? _sqliteFolder;

    private CatalogHarness(CatalogOptions options, string? sqliteFolder)
    {
        Options = options;
        _sqliteFolder = sqliteFolder;
        _services = new ServiceCollection().AddCatalog(options).BuildServiceProvider();
    }

    public CatalogOptions Options { get; }

    public IDbContextFactory<CatalogDbContext> Contexts => Get<IDbContextFactory<CatalogDbContext>>();

    public SiteStore Sites => Get<SiteStore>();

    public OfficeGroupStore Groups => Get<OfficeGroupStore>();

    public AgentStore Agents => Get<AgentStore>();

    public EnrollmentTokenStore Tokens => Get<EnrollmentTokenStore>();

    public PackageStore Packages => Get<PackageStore>();

    public RolloutStore Rollouts => Get<RolloutStore>();

    public RolloutProgressQueries Progress => Get<RolloutProgressQueries>();

    public StatusReportWriter StatusWriter => Get<StatusReportWriter>();

    public AuditLog Audit => Get<AuditLog>();

    public static async Task<CatalogHarness> PostgresAsync(PostgresFixture fixture) =>
        new(PostgresFixture.CatalogOptionsFor(await fixture.CreateCatalogDatabaseAsync()), null);

    public static async Task<CatalogHarness> SqliteAsync()
    {
        var folder = Directory.CreateTempSubdirectory("edist-sqlite-").FullName;
        var options = new CatalogOptions(CatalogProvider.Sqlite, $"Data Source={Path.Combine(folder, "catalog.db")}");
        var harness = new CatalogHarness(options, folder);
        await harness.Get<CatalogMigrator>().MigrateAsync();
        return harness;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public async Task<Site> AddSiteAsync(string name, params string[] cidrs) =>
        await Sites.CreateAsync(new SiteDraft(name, cidrs), Actor);

    public async Task<OfficeGroup> AddGroupAsync(string name, params Guid[] siteIds) =>
        await Groups.CreateAsync(new OfficeGroupDraft(name, siteIds), Actor);

    public async Task<PackageVersion> AddPackageVersionAsync(string name = "7-Zip", string label = "24.08")
    {
        var package = await Packages.CreatePackageAsync(name, null, Actor);
        return await Packages.AddVersionAsync(package.Id, NewVersion(label), Actor);
    }

    public async Task<Rollout> AddRolloutAsync(Guid packageVersionId, params Guid[] groupIds)
    {
        var now = DateTimeOffset.UtcNow;
        var waves = groupIds.Select((g, i) => new WaveDraft(g, now.AddHours(i), now.AddDays(1 + i))).ToList();
        return await Rollouts.CreateAsync(new RolloutDraft("Rollout " + Guid.NewGuid().ToString("N")[..6], packageVersionId, waves), Actor);
    }

    /// <summary>Inserts agents directly (one SaveChanges) so large fleets are cheap to set up.</summary>
    public async Task<IReadOnlyList<Agent>> AddAgentsAsync(int count, Guid? siteId = null)
    {
        await using var context = await Contexts.CreateDbContextAsync();
        var agents = Enumerable.Range(0, count).Select(i => new Agent
        {
            Id = Guid.CreateVersion7(),
            Hostname = $"pc-{i:D6}",
            CredentialHash = Guid.NewGuid().ToByteArray(),
            SiteId = siteId,
            EnrolledAt = DateTimeOffset.UtcNow,
        }).ToList();
        context.Agents.AddRange(agents);
        await context.SaveChangesAsync();
        return agents;
    }

    public static PackageVersion NewVersion(string label, string? infoHash = null) => new()
    {
        VersionLabel = label,
        InfoHash = infoHash ?? Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "00000000",
        TotalSize = 3 * 1024 * 1024 + 5,
        PieceLength = 1024 * 1024,
        PieceCount = 4,
        Files = [new PackageFile { Path = "7z/setup.msi", Length = 3 * 1024 * 1024 }, new PackageFile { Path = "7z/readme.txt", Length = 5 }],
        TorrentBytes = [0x64, 0x65],
        PublishedBy = Actor,
        Install = new InstallSpec
        {
            Kind = InstallerKind.Msi,
            Command = "7z/setup.msi",
            Arguments = "/qn",
            SuccessExitCodes = [0],
            RebootExitCodes = [3010, 1641],
            TimeoutSeconds = 900,
            Detection = new DetectionRule { Kind = DetectionKind.MsiProductCode, Target = "{23170F69-40C1-2702-2408-000001000000}" },
        },
    };

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteFolder, recursive: true);
        }
    }
}
