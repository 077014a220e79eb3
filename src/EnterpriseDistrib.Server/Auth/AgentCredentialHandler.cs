using System.Security.Claims;
using System.Text.Encodings.Web;
using EnterpriseDistrib.Catalog.Agents;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EnterpriseDistrib.Server.Auth;

/// <summary>
/// Authenticates an agent by the credential it presents as bearer: a catalog lookup of its hash, remembered
/// for a moment by <see cref="AgentCredentialCache"/> (which a revocation clears), so a revoked agent is
/// refused from its next request on.
/// </summary>
internal sealed class AgentCredentialHandler(
    IOptionsMonitor<AgentCredentialOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AgentStore agents,
    AgentCredentialCache cache) : AuthenticationHandler<AgentCredentialOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var credential = header["Bearer ".Length..].Trim();
        if (!AgentCredential.HasShape(credential, AgentCredential.CredentialPrefix))
        {
            return AuthenticateResult.Fail("The bearer token is not an agent credential.");
        }

        if (!cache.TryGet(credential, out var identity))
        {
            var agent = await agents.FindByCredentialHashAsync(AgentCredential.Hash(credential), Context.RequestAborted);
            if (agent is null)
            {
                return AuthenticateResult.Fail("Unknown agent credential.");
            }

            if (agent.RevokedAt is not null)
            {
                return AuthenticateResult.Fail("This agent has been revoked.");
            }

            identity = new AgentIdentity(agent.Id, agent.SiteId, agent.Hostname);
            cache.Remember(credential, identity);
        }

        var claims = new List<Claim>
        {
            new(AgentCredentialDefaults.AgentIdClaim, identity.AgentId.ToString()),
            new(ClaimTypes.Name, identity.Hostname),
        };
        if (identity.SiteId is { } siteId)
        {
            claims.Add(new Claim(AgentCredentialDefaults.SiteIdClaim, siteId.ToString()));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"edist-agent\"";
        return Task.CompletedTask;
    }
}
