using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using EnterpriseDistrib.Server.Tests.Infrastructure;
using Npgsql;

namespace EnterpriseDistrib.Server.Tests.Hosting;

/// <summary>The production shape: catalog on PostgreSQL, Orleans ADO.NET clustering on the same database, Entra ID.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class AdoNetClusteringTests(ControlPlaneHarness harness)
{
    private const int ActiveSiloStatus = 3;

    [Fact]
    public async Task The_server_runs_with_its_silo_in_the_postgresql_membership_table()
    {
        var connectionString = await harness.Postgres.CreateCatalogDatabaseAsync();
        var settings = harness.SettingsFor(connectionString);
        settings["Silo:Clustering"] = "AdoNet";
        settings["Silo:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        await using var factory = new ControlPlaneFactory(settings);
        using var client = factory.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", harness.Issuer.TokenFor("Viewer", "Production Viewer"));
        using var sites = await client.GetAsync(new Uri("/api/v1/sites", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sites.StatusCode);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM orleans_membership WHERE status = @active", connection);
        count.Parameters.AddWithValue("active", ActiveSiloStatus);
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
    }
}
