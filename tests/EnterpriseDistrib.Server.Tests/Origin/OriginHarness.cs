using System.Globalization;
using System.Net.Http.Headers;
using EnterpriseDistrib.Server.Origin;
using EnterpriseDistrib.Server.Tests.Infrastructure;
using EnterpriseDistrib.Testing.Identity;
using EnterpriseDistrib.Testing.Postgres;
using EnterpriseDistrib.Torrent.Metainfo;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseDistrib.Server.Tests.Origin;

/// <summary>
/// The real server on its own PostgreSQL catalog with the origin in a temp folder, its seeder on 127.0.0.1,
/// small upload limits (so the limits can be hit cheaply), and a stub passkey check for the web seed.
/// </summary>
public sealed class OriginHarness : IAsyncLifetime
{
    public const long MaxUploadBytes = 8L * 1024 * 1024;
    public const long MaxChunkBytes = 1024 * 1024;

    private readonly PostgresFixture _postgres = new();
    private LocalOidcIssuer? _issuer;
    private ControlPlaneFactory? _factory;

    /// <summary>The passkey the stub authorizer accepts (for every package).</summary>
    public const string GoodPasskey = "agent-passkey-ok";

    public string StoragePath { get; } = System.IO.Directory.CreateTempSubdirectory("edist-origin-test-").FullName;

    /// <summary>Where the server listens.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IServiceProvider Services => (_factory ?? throw new InvalidOperationException("Not started.")).Services;

    public IOriginDirectory Directory => Services.GetRequiredService<IOriginDirectory>();

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        _issuer = await LocalOidcIssuer.StartAsync();
        var settings = ControlPlaneFactory.SettingsFor(_issuer, await _postgres.CreateCatalogDatabaseAsync());
        settings["Origin:StoragePath"] = StoragePath;
        settings["Origin:PeerBindAddress"] = "127.0.0.1";
        settings["Origin:PeerPort"] = "0";
        settings["Origin:MaxUploadBytes"] = MaxUploadBytes.ToString(CultureInfo.InvariantCulture);
        settings["Origin:MaxChunkBytes"] = MaxChunkBytes.ToString(CultureInfo.InvariantCulture);

        // The tracker owns passkeys; a stub stands in for it here. Real Kestrel: uploads cut mid-body go through real sockets.
        _factory = new ControlPlaneFactory(settings, services => services.AddSingleton<IWebSeedAuthorizer, StubAuthorizer>());
        BaseAddress = _factory.StartOnLoopback();
        await Services.GetRequiredService<OriginSeeder>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public HttpClient Client(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public HttpClient ClientAs(string role) => Client((_issuer ?? throw new InvalidOperationException("Not started.")).TokenFor(role));

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
        System.IO.Directory.Delete(StoragePath, recursive: true);
    }

    private sealed class StubAuthorizer : IWebSeedAuthorizer
    {
        public ValueTask<bool> MayFetchAsync(string passkey, InfoHash infoHash, CancellationToken cancellationToken) =>
            ValueTask.FromResult(passkey == GoodPasskey);
    }
}

/// <summary>Tests of the origin share one server (one silo, one PostgreSQL, one storage folder).</summary>
[CollectionDefinition(Name)]
public sealed class OriginCollection : ICollectionFixture<OriginHarness>
{
    public const string Name = "Origin";
}
