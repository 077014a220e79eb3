using EnterpriseDistrib.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;

namespace EnterpriseDistrib.Server.Auth;

/// <summary>Registers authentication (admin JWTs, agent credentials) and the role policies.</summary>
public static class ControlPlaneAuth
{
    /// <summary>
    /// The default scheme: forwards to the agent scheme when the bearer is shaped like an agent credential,
    /// else to JWT. Without it every agent request would first be parsed as a JWT, fail, and pay for an exception.
    /// </summary>
    public const string DefaultScheme = "edist";

    /// <summary>Adds admin token validation per <c>Auth:Mode</c>, the agent credential scheme and the policies.</summary>
    public static WebApplicationBuilder AddControlPlaneAuth(this WebApplicationBuilder builder)
    {
        var mode = builder.Configuration.GetValue("Auth:Mode", AuthMode.EntraId);
        var services = builder.Services;
        AuthenticationBuilder authentication;
        if (mode == AuthMode.Development)
        {
            var exposed = LoopbackBinding.NonLoopbackConfigured(builder.Configuration);
            if (exposed.Count > 0)
            {
                throw new ServerConfigurationException(
                    $"Development auth refuses to start: the server is configured to listen on {string.Join(", ", exposed)}, which is not loopback. " +
                    "Anyone who can reach a development server can mint an Admin token. Listen on 127.0.0.1 or localhost only " +
                    "(e.g. --urls http://127.0.0.1:5080), or set Auth:Mode=EntraId with an AzureAd section.");
            }

            services.AddSingleton<DevelopmentTokenIssuer>();
            services.AddHostedService<DevelopmentModeGuard>();
            authentication = services.AddAuthentication(DefaultScheme).AddJwtBearer();
            services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
                .Configure<DevelopmentTokenIssuer>((options, issuer) =>
                {
                    options.TokenValidationParameters = issuer.ValidationParameters();
                    options.MapInboundClaims = true;
                });
        }
        else
        {
            RequireEntraSettings(builder.Configuration);
            authentication = services.AddAuthentication(DefaultScheme);
            authentication.AddMicrosoftIdentityWebApi(builder.Configuration.GetSection("AzureAd"));
        }

        services.AddSingleton<AgentCredentialCache>();
        authentication.AddScheme<AgentCredentialOptions, AgentCredentialHandler>(AgentCredentialDefaults.Scheme, _ => { });
        authentication.AddPolicyScheme(DefaultScheme, "JWT or agent credential", options => options.ForwardDefaultSelector = context =>
        {
            string? header = context.Request.Headers.Authorization;
            return header is not null && header.StartsWith("Bearer " + AgentCredential.CredentialPrefix, StringComparison.Ordinal)
                ? AgentCredentialDefaults.Scheme
                : JwtBearerDefaults.AuthenticationScheme;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Read, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireRole(AppRoles.Admin, AppRoles.Publisher, AppRoles.Viewer))
            .AddPolicy(AuthPolicies.Publish, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireRole(AppRoles.Admin, AppRoles.Publisher))
            .AddPolicy(AuthPolicies.Administer, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireRole(AppRoles.Admin))
            .AddPolicy(AuthPolicies.Agent, policy => policy
                .AddAuthenticationSchemes(AgentCredentialDefaults.Scheme)
                .RequireClaim(AgentCredentialDefaults.AgentIdClaim));
        return builder;
    }

    private static void RequireEntraSettings(IConfiguration configuration)
    {
        var section = configuration.GetSection("AzureAd");
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(section["ClientId"]))
        {
            missing.Add("AzureAd:ClientId (the API's application id)");
        }

        if (string.IsNullOrWhiteSpace(section["Authority"]) && string.IsNullOrWhiteSpace(section["TenantId"]))
        {
            missing.Add("AzureAd:TenantId (or AzureAd:Authority)");
        }

        if (missing.Count > 0)
        {
            throw new ServerConfigurationException(
                $"Auth:Mode is EntraId but {string.Join(" and ", missing)} is not set. Set them in appsettings.Production.json or as environment variables " +
                "(AzureAd__ClientId, AzureAd__TenantId), or use Auth:Mode=Development on a loopback-only single box.");
        }
    }
}
