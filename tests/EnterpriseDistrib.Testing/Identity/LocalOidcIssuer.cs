using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EnterpriseDistrib.Testing.Identity;

/// <summary>
/// A tiny OpenID Connect issuer on 127.0.0.1 with a per-run RSA key, shaped like Entra ID v2.0
/// (<c>/{tenant}/v2.0/.well-known/openid-configuration</c> + JWKS), so tests run the server's real
/// Microsoft.Identity.Web validation path against it.
/// </summary>
public sealed class LocalOidcIssuer : IAsyncDisposable
{
    /// <summary>The tenant id the issuer serves unless told otherwise.</summary>
    public const string DefaultTenantId = "7d0c5b8e-4c4e-4b4f-9a44-5c1f2e0d3a11";

    /// <summary>The API's client id, i.e. the valid audience.</summary>
    public const string DefaultClientId = "9b1f6f3a-2b7e-4d7e-8b9d-0e7f3c2a1d55";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _signingKey;
    private readonly RsaSecurityKey _foreignKey;
    private readonly JsonWebTokenHandler _handler = new();

    private LocalOidcIssuer(WebApplication app, RsaSecurityKey signingKey, RsaSecurityKey foreignKey, Uri instance, string tenantId, string clientId)
    {
        _app = app;
        _signingKey = signingKey;
        _foreignKey = foreignKey;
        Instance = instance;
        TenantId = tenantId;
        ClientId = clientId;
    }

    /// <summary>The authority host, e.g. <c>http://127.0.0.1:41234/</c> (what <c>AzureAd:Instance</c> is set to).</summary>
    public Uri Instance { get; }

    /// <summary>The tenant this issuer signs for.</summary>
    public string TenantId { get; }

    /// <summary>The API's client id (valid <c>aud</c>).</summary>
    public string ClientId { get; }

    /// <summary>The exact <c>iss</c> of valid tokens.</summary>
    public string Issuer => $"{Instance}{TenantId}/v2.0";

    /// <summary>Starts the issuer on a free loopback port.</summary>
    public static async Task<LocalOidcIssuer> StartAsync(string tenantId = DefaultTenantId, string clientId = DefaultClientId, CancellationToken cancellationToken = default)
    {
        var signingKey = NewKey();
        var foreignKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = signingKey.KeyId };

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        var jwks = JsonSerializer.Serialize(new { keys = new[] { ToJwk(signingKey) } });
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (HttpContext context, string tenant) =>
        {
            var origin = $"{context.Request.Scheme}://{context.Request.Host}";
            var document = new Dictionary<string, object>
            {
                ["issuer"] = $"{origin}/{tenant}/v2.0",
                ["jwks_uri"] = $"{origin}/{tenant}/discovery/v2.0/keys",
                ["authorization_endpoint"] = $"{origin}/{tenant}/oauth2/v2.0/authorize",
                ["token_endpoint"] = $"{origin}/{tenant}/oauth2/v2.0/token",
                ["response_types_supported"] = new[] { "code", "id_token", "token" },
                ["subject_types_supported"] = new[] { "pairwise" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            };
            return Results.Json(document);
        });
        app.MapGet("/{tenant}/discovery/v2.0/keys", () => Results.Text(jwks, "application/json"));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var instance = new Uri(address.TrimEnd('/') + "/");
        return new LocalOidcIssuer(app, signingKey, foreignKey, instance, tenantId, clientId);
    }

    /// <summary>
    /// Settings that point a server's <c>AzureAd</c> section at this issuer (validation stays fully on:
    /// only the metadata address, issuer and audience change).
    /// </summary>
    public IReadOnlyDictionary<string, string?> ServerSettings() => new Dictionary<string, string?>
    {
        ["AzureAd:Instance"] = Instance.ToString(),
        ["AzureAd:TenantId"] = TenantId,
        ["AzureAd:ClientId"] = ClientId,
        ["AzureAd:Audience"] = ClientId,
        // The issuer is plain http on loopback; production keeps the https requirement.
        ["AzureAd:RequireHttpsMetadata"] = "false",
        // Without an exact ValidIssuer, Microsoft.Identity.Web's issuer validator refetches discovery over https only.
        ["AzureAd:TokenValidationParameters:ValidIssuer"] = Issuer,
    };

    /// <summary>Mints a signed JWT as described by <paramref name="token"/>.</summary>
    public string Mint(TestToken token)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["ver"] = "2.0",
            ["tid"] = TenantId,
            ["oid"] = token.ObjectId,
            ["sub"] = token.ObjectId,
            ["name"] = token.Name,
            ["preferred_username"] = token.Name,
        };
        if (token.Roles.Count > 0)
        {
            claims["roles"] = token.Roles.ToArray();
        }

        if (token.Scopes is not null)
        {
            claims["scp"] = token.Scopes;
        }

        var notBefore = now + token.NotBeforeOffset;
        var expires = now + token.ExpiresOffset;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = token.Issuer ?? Issuer,
            Audience = token.Audience ?? ClientId,
            IssuedAt = notBefore < expires ? notBefore : expires.AddMinutes(-1),
            NotBefore = notBefore,
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(token.SignWithForeignKey ? _foreignKey : _signingKey, SecurityAlgorithms.RsaSha256),
        };
        return _handler.CreateToken(descriptor);
    }

    /// <summary>A valid token carrying <paramref name="role"/>.</summary>
    public string TokenFor(string role, string name = "Test User") => Mint(new TestToken { Roles = [role], Name = name });

    /// <summary>A token for <paramref name="role"/> that expired ten minutes ago (beyond the default clock skew).</summary>
    public string ExpiredToken(string role) => Mint(new TestToken
    {
        Roles = [role],
        NotBeforeOffset = TimeSpan.FromHours(-2),
        ExpiresOffset = TimeSpan.FromMinutes(-10),
    });

    /// <summary>A token for <paramref name="role"/> issued to another application.</summary>
    public string WrongAudienceToken(string role) => Mint(new TestToken { Roles = [role], Audience = "api://someone-else" });

    /// <summary>A token for <paramref name="role"/> signed with an unpublished key that reuses the real kid.</summary>
    public string WrongKeyToken(string role) => Mint(new TestToken { Roles = [role], SignWithForeignKey = true });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _signingKey.Rsa?.Dispose();
        _foreignKey.Rsa?.Dispose();
    }

    private static RsaSecurityKey NewKey()
    {
        var rsa = RSA.Create(2048);
        return new RsaSecurityKey(rsa) { KeyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant() };
    }

    private static Dictionary<string, string> ToJwk(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }
}
