using System.Globalization;
using System.Net.Http.Headers;
using EnterpriseDistrib.Server.Origin;
using EnterpriseDistrib.Server.Tests.Infrastructure;
using EnterpriseDistrib.Testing.Identity;
using EnterpriseDistrib.Testing.Postgres;
using EnterpriseDistrib.Torrent.Metainfo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
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
    private Factory? _factory;

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
        var settings = new Dictionary<string, string?>(_issuer.ServerSettings())
        {
            ["Catalog:Provider"] = "PostgreSql",
            ["ConnectionStrings:Catalog"] = await _postgres.CreateCatalogDatabaseAsync(),
            ["Catalog:MigrateOnStartup"] = "false",
            ["Silo:Clustering"] = "Localhost",
            ["Silo:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Silo:GatewayPort"] = "0",
            ["Auth:Mode"] = "EntraId",
            ["Origin:StoragePath"] = StoragePath,
            ["Origin:PeerBindAddress"] = "127.0.0.1",
            ["Origin:PeerPort"] = "0",
            ["Origin:MaxUploadBytes"] = MaxUploadBytes.ToString(CultureInfo.InvariantCulture),
            ["Origin:MaxChunkBytes"] = MaxChunkBytes.ToString(CultureInfo.InvariantCulture),
        };
        _factory = new Factory(settings);

        // Real Kestrel on loopback: uploads cut mid-body and the web seed go through real sockets.
        var port = FreePort.Next();
        _factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        _factory.StartServer();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
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

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            // The tracker owns passkeys; until it is wired in here, a stub stands in for it.
            builder.ConfigureTestServices(services => services.AddSingleton<IWebSeedAuthorizer, StubAuthorizer>());
        }
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
