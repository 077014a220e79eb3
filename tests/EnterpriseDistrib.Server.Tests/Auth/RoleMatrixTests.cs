using System.Net;
using System.Net.Http.Headers;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Tests.Infrastructure;
using EnterpriseDistrib.Testing.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EnterpriseDistrib.Server.Tests.Auth;

/// <summary>Each endpoint × no token / wrong audience / expired / wrong key / foreign issuer / each role, through the real validation path.</summary>
[Collection(ControlPlaneCollection.Name)]
public sealed class RoleMatrixTests(ControlPlaneHarness harness)
{
    public static TheoryData<string> AdminEndpoints { get; } =
        new(EndpointMatrix.All.Where(c => c.Access is Access.Read or Access.Publish or Access.Administer).Select(c => c.Name));

    public static TheoryData<string> AgentEndpoints { get; } = new(EndpointMatrix.All.Where(c => c.Access == Access.Agent).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task Admin_endpoint_refuses_a_missing_or_invalid_token_with_401(string endpoint)
    {
        var context = NewContext();
        var (_, agentCredential) = await context.Seed.AgentAsync(context.Anonymous);
        var issuer = harness.Issuer;
        var tokens = new Dictionary<string, string?>
        {
            ["no token"] = null,
            ["wrong audience"] = issuer.WrongAudienceToken(AppRoles.Admin),
            ["expired"] = issuer.ExpiredToken(AppRoles.Admin),
            ["wrong key"] = issuer.WrongKeyToken(AppRoles.Admin),
            ["foreign issuer"] = issuer.Mint(new TestToken { Roles = [AppRoles.Admin], Issuer = $"http://127.0.0.1:1/{issuer.TenantId}/v2.0" }),
            ["not yet valid"] = issuer.Mint(new TestToken { Roles = [AppRoles.Admin], NotBeforeOffset = TimeSpan.FromHours(1), ExpiresOffset = TimeSpan.FromHours(2) }),
            ["agent credential"] = agentCredential,
            ["garbage"] = "not-a-token",
        };

        foreach (var (kind, token) in tokens)
        {
            var status = await SendAsync(endpoint, context, token);
            Assert.True(status == HttpStatusCode.Unauthorized, $"{endpoint} with {kind}: expected 401, got {(int)status}.");
        }
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task Admin_endpoint_admits_exactly_the_roles_of_its_policy(string endpoint)
    {
        var context = NewContext();
        var endpointCase = EndpointMatrix.Get(endpoint);
        foreach (var role in AppRoles.All)
        {
            var allowed = endpointCase.Access switch
            {
                Access.Read => true,
                Access.Publish => role is AppRoles.Admin or AppRoles.Publisher,
                _ => role == AppRoles.Admin,
            };
            var status = await SendAsync(endpoint, context, harness.Issuer.TokenFor(role));
            var expected = allowed ? (HttpStatusCode)endpointCase.SuccessStatus : HttpStatusCode.Forbidden;
            Assert.True(status == expected, $"{endpoint} as {role}: expected {(int)expected}, got {(int)status}.");
        }
    }

    [Theory]
    [MemberData(nameof(AgentEndpoints))]
    public async Task Agent_endpoint_admits_only_an_unrevoked_agent_credential(string endpoint)
    {
        var context = NewContext();
        var site = await context.Seed.SiteAsync();
        var (agentId, credential) = await context.Seed.AgentAsync(context.Anonymous, site);
        var (revokedId, revokedCredential) = await context.Seed.AgentAsync(context.Anonymous, site);
        using (var revoke = await context.Seed.Admin.PostJsonAsync($"/api/v1/agents/{revokedId}/revoke", null))
        {
            await revoke.ExpectAsync(HttpStatusCode.NoContent);
        }

        var refused = new Dictionary<string, string?>
        {
            ["no token"] = null,
            ["revoked agent"] = revokedCredential,
            ["unknown agent"] = Server.Auth.AgentCredential.NewCredential(),
            ["expired admin token"] = harness.Issuer.ExpiredToken(AppRoles.Admin),
        };
        foreach (var role in AppRoles.All)
        {
            refused[$"{role} token"] = harness.Issuer.TokenFor(role);
        }

        foreach (var (kind, token) in refused)
        {
            var status = await SendAsync(endpoint, context, token);
            Assert.True(status == HttpStatusCode.Unauthorized, $"{endpoint} with {kind}: expected 401, got {(int)status}.");
        }

        Assert.NotEqual(agentId, revokedId);
        var accepted = await SendAsync(endpoint, context, credential);
        Assert.Equal((HttpStatusCode)EndpointMatrix.Get(endpoint).SuccessStatus, accepted);
    }

    [Fact]
    public async Task Enrollment_needs_no_bearer_token_only_the_enrollment_secret()
    {
        var context = NewContext();
        Assert.Equal(HttpStatusCode.Created, await SendAsync("POST /api/v1/agent/enroll", context, token: null));
    }

    [Fact]
    public void Every_api_endpoint_is_in_the_matrix_and_names_a_policy_or_is_enrollment()
    {
        var routes = harness.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Name: $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}", Endpoint: e)))
            .ToList();

        Assert.Equal(EndpointMatrix.All.Select(c => c.Name).Order(StringComparer.Ordinal), routes.Select(r => r.Name).Order(StringComparer.Ordinal));
        foreach (var (name, route) in routes)
        {
            var anonymous = route.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = route.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
            Assert.True(anonymous ? name == "POST /api/v1/agent/enroll" : policies.Count == 1, $"{name}: anonymous={anonymous}, policies=[{string.Join(',', policies)}]");
        }
    }

    private MatrixContext NewContext() => new(new ApiSeed(harness.ClientAs(AppRoles.Admin, "Matrix Admin")), harness.Client());

    private async Task<HttpStatusCode> SendAsync(string endpoint, MatrixContext context, string? token)
    {
        using var request = await EndpointMatrix.Get(endpoint).Build(context);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var client = harness.Client();
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
