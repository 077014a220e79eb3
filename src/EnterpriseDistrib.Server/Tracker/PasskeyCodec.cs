using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace EnterpriseDistrib.Server.Tracker;

/// <summary>
/// Passkeys in announce URLs: base64url(agent id ‖ HMAC-SHA256(key, agent id)[..16]), 43 characters. The tracker
/// checks one with a hash, not a database read; a forged or altered one fails the MAC (128 bits: not guessable).
/// Revocation is not in the passkey: it is read from the catalog through <see cref="TrackerDirectory"/>.
/// </summary>
public sealed class PasskeyCodec
{
    public const int EncodedLength = 43;
    private const int MacLength = 16;
    private readonly byte[] _key;

    public PasskeyCodec(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("A passkey key needs at least 32 bytes.", nameof(key));
        }

        _key = key;
    }

    public string Issue(Guid agentId)
    {
        Span<byte> raw = stackalloc byte[16 + MacLength];
        agentId.TryWriteBytes(raw[..16]);
        Mac(raw[..16], raw[16..]);
        return Base64UrlEncoder.Encode(raw.ToArray());
    }

    /// <summary>The agent the passkey was issued to; false when it is malformed or its MAC does not match.</summary>
    public bool TryRead(ReadOnlySpan<char> passkey, out Guid agentId)
    {
        agentId = Guid.Empty;
        Span<byte> raw = stackalloc byte[16 + MacLength + 2];
        if (passkey.Length != EncodedLength || !System.Buffers.Text.Base64Url.TryDecodeFromChars(passkey, raw, out var written) || written != 16 + MacLength)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        Mac(raw[..16], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, raw.Slice(16, MacLength)))
        {
            return false;
        }

        agentId = new Guid(raw[..16]);
        return true;
    }

    private void Mac(ReadOnlySpan<byte> agentId, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, agentId, full);
        full[..MacLength].CopyTo(destination);
    }
}
