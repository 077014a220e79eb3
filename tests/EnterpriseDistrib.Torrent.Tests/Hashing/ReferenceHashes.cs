using System.Security.Cryptography;

namespace EnterpriseDistrib.Torrent.Tests.Hashing;

/// <summary>The obvious, slow definition of BEP 3 piece hashes, to compare the fast hasher against.</summary>
internal static class ReferenceHashes
{
    public static byte[] Of(ReadOnlySpan<byte> content, int pieceLength)
    {
        var pieces = (content.Length + pieceLength - 1) / pieceLength;
        var digests = new byte[pieces * 20];
        for (var i = 0; i < pieces; i++)
        {
            var start = i * pieceLength;
            var piece = content.Slice(start, Math.Min(pieceLength, content.Length - start));
            SHA1.HashData(piece, digests.AsSpan(i * 20, 20));
        }

        return digests;
    }
}
