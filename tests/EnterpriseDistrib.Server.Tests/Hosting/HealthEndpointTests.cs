using System.Net;
using System.Text.Json;
using EnterpriseDistrib.Server.Tests.Infrastructure;

namespace EnterpriseDistrib.Server.Tests.Hosting;

[Collection(ControlPlaneCollection.Name)]
public sealed class HealthEndpointTests(ControlPlaneHarness harness)
{
    [Fact]
    public async Task Ready_reports_the_catalog_and_the_silo_healthy_without_a_token()
    {
        using var client = harness.Client();
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("catalog").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("silo").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Live_answers_without_a_token()
    {
        using var client = harness.Client();
        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
