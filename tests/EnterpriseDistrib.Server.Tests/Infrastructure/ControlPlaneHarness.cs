using System.Net.Http.Headers;
using EnterpriseDistrib.Testing.Identity;
using EnterpriseDistrib.Testing.Postgres;

namespace EnterpriseDistrib.Server.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL server, one local OpenID Connect issuer and one server host on a migrated catalog,
/// shared by the collection. Tests stay independent by creating what they use under fresh names.
/// </summary>
public sealed class ControlPlaneHarness : IAsyncLifetime
{
    private readonly PostgresFixture _postgres = new();
    private LocalOidcIssuer? _issuer;
    private ControlPlaneFactory? _factory;

    /// <summary>The issuer that mints admin tokens the server accepts.</summary>
    public LocalOidcIssuer Issuer => _issuer ?? throw new InvalidOperationException("Not started.");

    /// <summary>The PostgreSQL server (for extra databases).</summary>
    public PostgresFixture Postgres => _postgres;

    /// <summary>The shared host's catalog connection string.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        _issuer = await LocalOidcIssuer.StartAsync();
        ConnectionString = await _postgres.CreateCatalogDatabaseAsync();
        _factory = new ControlPlaneFactory(SettingsFor(ConnectionString));
        _ = _factory.Server;
    }

    /// <summary>Settings of a PostgreSQL + Entra ID (local issuer) host on <paramref name="connectionString"/>.</summary>
    public Dictionary<string, string?> SettingsFor(string connectionString)
    {
        var settings = ControlPlaneFactory.SettingsFor(Issuer, connectionString);

        // Long enough that concurrent test requests share one batch, short enough to keep tests quick.
        settings["StatusIngest:FlushInterval"] = "00:00:00.150";
        return settings;
    }

    /// <summary>A client of the shared host carrying <paramref name="bearer"/> (none when null).</summary>
    public HttpClient Client(string? bearer = null)
    {
        var client = (_factory ?? throw new InvalidOperationException("Not started.")).CreateClient();
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>A client with a valid token for <paramref name="role"/>.</summary>
    public HttpClient ClientAs(string role, string name = "Test User") => Client(Issuer.TokenFor(role, name));

    /// <summary>The shared host's services (stores, grain factory).</summary>
    public IServiceProvider Services => (_factory ?? throw new InvalidOperationException("Not started.")).Services;

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

/// <summary>Tests that share the harness run one after another (one silo at a time, one PostgreSQL server).</summary>
[CollectionDefinition(Name)]
public sealed class ControlPlaneCollection : ICollectionFixture<ControlPlaneHarness>
{
    public const string Name = "Control plane";
}
