using System.Security.Cryptography;
using System.Text;

namespace EnterpriseDistrib.Server.Tests.Infrastructure;

/// <summary>Small valid single-file .torrent files, bencoded by hand per BEP 3 (keys sorted), each with its own info-hash.</summary>
internal static class TestTorrents
{
    /// <summary>A torrent of <paramref name="content"/> with its real piece hashes (16 KiB pieces), so the origin accepts an upload of it.</summary>
    public static byte[] MakeFor(string name, byte[] content)
    {
        var pieces = new byte[(content.Length + 16383) / 16384 * 20];
        for (var i = 0; i * 16384 < content.Length; i++)
        {
            SHA1.HashData(content.AsSpan(i * 16384, Math.Min(16384, content.Length - (i * 16384))), pieces.AsSpan(i * 20, 20));
        }

        return Make(name, content.Length, pieces);
    }

    public static byte[] Make(string name, long length = 10_000) => Make(name, length, RandomNumberGenerator.GetBytes((int)((length + 16383) / 16384) * 20));

    private static byte[] Make(string name, long length, byte[] pieceHashes)
    {
        using var stream = new MemoryStream();
        void Write(string text) => stream.Write(Encoding.ASCII.GetBytes(text));
        void String(string text) => Write($"{Encoding.UTF8.GetByteCount(text)}:{text}");

        Write("d");
        String("announce");
        String("http://127.0.0.1:6969/announce");
        String("info");
        Write("d");
        String("length");
        Write($"i{length}e");
        String("name");
        String(name);
        String("piece length");
        Write("i16384e");
        String("pieces");
        Write($"{pieceHashes.Length}:");
        stream.Write(pieceHashes);
        String("private");
        Write("i1e");
        Write("e");
        Write("e");
        return stream.ToArray();
    }
}
