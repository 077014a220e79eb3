using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace EnterpriseDistrib.Server.Auth;

/// <summary>
/// Per-agent credentials and enrollment secrets: 256 random bits, shown once, stored only as SHA-256.
/// A fast hash is right here (unlike passwords): the secret has full entropy, so there is nothing to guess.
/// </summary>
public static class AgentCredential
{
    /// <summary>Prefix of agent credentials, so a leaked one is recognisable in logs and scanners.</summary>
    public const string CredentialPrefix = "edag_";

    /// <summary>Prefix of enrollment token secrets.</summary>
    public const string EnrollmentPrefix = "eden_";

    /// <summary>Longest secret accepted before hashing (refuses oversized headers without work).</summary>
    public const int MaxLength = 128;

    /// <summary>A new agent credential.</summary>
    public static string NewCredential() => CredentialPrefix + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>A new enrollment token secret.</summary>
    public static string NewEnrollmentSecret() => EnrollmentPrefix + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a secret.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>True when <paramref name="value"/> has the shape of a secret with <paramref name="prefix"/>.</summary>
    public static bool HasShape(string? value, string prefix) =>
        value is not null && value.Length <= MaxLength && value.Length > prefix.Length && value.StartsWith(prefix, StringComparison.Ordinal);
}
