using EnterpriseDistrib.Catalog;
using EnterpriseDistrib.ControlPlane.Grains;
using EnterpriseDistrib.Testing.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace EnterpriseDistrib.ControlPlane.Tests.Grains;

/// <summary>
/// One Orleans TestCluster (one silo) over a real PostgreSQL catalog, with a <see cref="FakeTimeProvider"/>
/// as the silo's clock, shared by the grain tests. The test side gets the same catalog through
/// <see cref="Services"/> to arrange data and read results.
/// </summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    private const string ConnectionStringKey = "Test:CatalogConnectionString";
    private const string ClockKey = "Test:ClockId";

    private readonly PostgresFixture _postgres = new();
    private string? _clockId;
    private ServiceProvider? _services;
    private TestCluster? _cluster;

    /// <summary>The silo's clock: tests advance it.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2030, 1, 7, 8, 0, 0, TimeSpan.Zero));

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

    /// <summary>The catalog's stores on the test side (same database, same clock).</summary>
    public IServiceProvider Services => _services ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        var connectionString = await _postgres.CreateCatalogDatabaseAsync();
        _clockId = FakeClocks.Register(Clock);

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddCatalog(PostgresFixture.CatalogOptionsFor(connectionString));
        _services = services.BuildServiceProvider();

        var builder = new TestClusterBuilder(1);
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.Properties[ClockKey] = _clockId;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_clockId is not null)
        {
            FakeClocks.Remove(_clockId);
        }

        await _postgres.DisposeAsync();
    }

    /// <summary>
    /// Gives the catalog's services in the silo the fake clock. Orleans itself keeps the system clock: it derives
    /// the oldest acceptable silo generation from the unkeyed <see cref="TimeProvider"/>, and with a clock set in
    /// 2030 there the membership table now and then declares the new silo dead and the client never connects.
    /// </summary>
    private static void RunCatalogOn(IServiceCollection services, TimeProvider clock)
    {
        var clocked = services
            .Where(d => d.ImplementationType?.Assembly == typeof(CatalogDbContext).Assembly
                && d.ImplementationType.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(TimeProvider))))
            .ToList();
        foreach (var descriptor in clocked)
        {
            var implementation = descriptor.ImplementationType!;
            services.Replace(ServiceDescriptor.Describe(
                descriptor.ServiceType, provider => ActivatorUtilities.CreateInstance(provider, implementation, clock), descriptor.Lifetime));
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = siloBuilder.Configuration;
            var clock = FakeClocks.Get(configuration[ClockKey]!);

            // The silo runs on the fake clock, which tests move by hours: without this, Orleans would
            // collect a grain as idle between two calls of one test and lose its in-memory state.
            siloBuilder.Configure<GrainCollectionOptions>(options => options.CollectionAge = TimeSpan.FromDays(3650));
            siloBuilder.Services.AddCatalog(PostgresFixture.CatalogOptionsFor(configuration[ConnectionStringKey]!));
            RunCatalogOn(siloBuilder.Services, clock);
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(ControlPlaneServices.ClockKey, clock);
            var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["StatusIngest:FlushInterval"] = "00:00:01",
                ["StatusIngest:MaxBatchSize"] = "50",
            }).Build();
            siloBuilder.Services.AddControlPlaneGrains(settings);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "Grain cluster";
}
