using EnterpriseDistrib.Testing.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseDistrib.Server.Tests.Infrastructure;

/// <summary>
/// The real server (Program) configured through settings, as an operator would; <paramref name="testServices"/> may
/// replace what a test stands in for (the origin for the tracker's tests, the passkey check for the origin's).
/// </summary>
internal sealed class ControlPlaneFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? testServices = null)
    : WebApplicationFactory<Program>
{
    /// <summary>Settings of a PostgreSQL + Entra ID (local issuer) host with one localhost silo on <paramref name="connectionString"/>.</summary>
    public static Dictionary<string, string?> SettingsFor(LocalOidcIssuer issuer, string connectionString) => new(issuer.ServerSettings())
    {
        ["Catalog:Provider"] = "PostgreSql",
        ["ConnectionStrings:Catalog"] = connectionString,
        ["Catalog:MigrateOnStartup"] = "false",
        ["Silo:Clustering"] = "Localhost",
        ["Silo:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Silo:GatewayPort"] = "0",
        ["Auth:Mode"] = "EntraId",
    };

    /// <summary>Starts the server on real Kestrel at 127.0.0.1 (real sockets: clients' loopback addresses reach it) and returns its address.</summary>
    public Uri StartOnLoopback()
    {
        var port = FreePort.Next();
        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
        StartServer();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (testServices is not null)
        {
            builder.ConfigureTestServices(testServices);
        }
    }
}
