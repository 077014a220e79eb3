using System.Net.Http.Headers;
using EnterpriseDistrib.Server.Origin;
using EnterpriseDistrib.Server.Tests.Infrastructure;
using EnterpriseDistrib.Server.Tracker;
using EnterpriseDistrib.Testing.Identity;
using EnterpriseDistrib.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EnterpriseDistrib.Server.Tests.Tracker;

/// <summary>
/// The real server on Kestrel (real sockets, so the tracker sees each client's loopback address) over a real
/// PostgreSQL, with a short announce interval and a <see cref="TestOrigin"/> as its origin.
/// </summary>
public sealed class TrackerHarness : IAsyncLifetime
{
    public const int IntervalSeconds = 2;
    private readonly PostgresFixture _postgres = new();
    private LocalOidcIssuer? _issuer;
    private ControlPlaneFactory? _factory;

    public Uri BaseAddress { get; private set; } = null!;

    internal TestOrigin Origin { get; } = new();

    internal PasskeyCodec Passkeys => Services.GetRequiredService<PasskeyCodec>();

    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        _issuer = await LocalOidcIssuer.StartAsync();
        var connectionString = await _postgres.CreateCatalogDatabaseAsync();
        var settings = ControlPlaneFactory.SettingsFor(_issuer, connectionString);
        settings["Tracker:PasskeyKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        settings["Tracker:Interval"] = $"00:00:{IntervalSeconds:D2}";
        settings["Tracker:MinInterval"] = "00:00:01";
        settings["Tracker:PeerTimeoutIntervals"] = "1.5";
        settings["Tracker:CatalogRefresh"] = "00:00:00.200";
        settings["Tracker:TrustedProxies:0"] = "127.0.9.9";
        _factory = new ControlPlaneFactory(settings, services => services.Replace(ServiceDescriptor.Singleton<IOriginDirectory>(Origin)));
        BaseAddress = _factory.StartOnLoopback();
    }

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    public HttpClient Admin()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _issuer!.TokenFor("Admin", "Tracker Test"));
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }

        await _postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class TrackerCollection : ICollectionFixture<TrackerHarness>
{
    public const string Name = "Tracker";
}
