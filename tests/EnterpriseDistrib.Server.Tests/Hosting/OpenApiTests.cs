using System.Net;
using EnterpriseDistrib.Server.Tests.Infrastructure;

namespace EnterpriseDistrib.Server.Tests.Hosting;

[Collection(ControlPlaneCollection.Name)]
public sealed class OpenApiTests(ControlPlaneHarness harness)
{
    [Fact]
    public async Task The_openapi_document_describes_every_resource_and_the_bearer_scheme()
    {
        using var client = harness.Client();
        var document = await (await client.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var expected in new[] { "/api/v1/sites", "/api/v1/office-groups", "/api/v1/enrollment-tokens", "/api/v1/agents", "/api/v1/packages", "/api/v1/rollouts", "/api/v1/agent/status" })
        {
            Assert.Contains(paths, p => p.StartsWith(expected, StringComparison.Ordinal));
        }

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task The_browsable_api_reference_is_served()
    {
        using var client = harness.Client();
        using var response = await client.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
