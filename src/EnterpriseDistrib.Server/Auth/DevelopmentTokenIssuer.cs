using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EnterpriseDistrib.Server.Auth;

/// <summary>
/// The single-box development issuer: an RSA key made when the process starts, tokens minted on request
/// and validated by the ordinary JWT bearer handler (signature, issuer, audience and lifetime all checked).
/// Tokens die with the process.
/// </summary>
public sealed class DevelopmentTokenIssuer : IDisposable
{
    /// <summary>The <c>iss</c> of development tokens.</summary>
    public const string Issuer = "urn:edist:development";

    /// <summary>The <c>aud</c> of development tokens.</summary>
    public const string Audience = "urn:edist:api";

    /// <summary>How long a development token lives.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>Creates the issuer with a fresh key.</summary>
    public DevelopmentTokenIssuer(TimeProvider time)
    {
        _time = time;
        _key = new RsaSecurityKey(_rsa) { KeyId = "edist-dev-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant() };
    }

    /// <summary>Validation parameters that accept exactly the tokens this issuer mints.</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = _key,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        NameClaimType = "name",
    };

    /// <summary>Mints a token for <paramref name="name"/> with the app role <paramref name="role"/>.</summary>
    public DevelopmentToken Mint(string role, string name)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var objectId = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)).AsSpan(0, 16)).ToLowerInvariant();
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = new Dictionary<string, object>
            {
                ["name"] = name,
                ["oid"] = objectId,
                ["sub"] = objectId,
                ["roles"] = new[] { role },
            },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
        return new DevelopmentToken(token, "Bearer", (int)Lifetime.TotalSeconds, role, name);
    }

    /// <inheritdoc />
    public void Dispose() => _rsa.Dispose();
}

/// <summary>The answer of <c>POST /dev/token</c>, shaped like an OAuth token response.</summary>
public sealed record DevelopmentToken(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("name")] string Name);
