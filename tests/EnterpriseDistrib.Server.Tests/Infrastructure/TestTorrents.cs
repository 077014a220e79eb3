using System.Security.Cryptography;
using System.Text;

namespace EnterpriseDistrib.Server.Tests.Infrastructure;

/// <summary>Small valid single-file .torrent files, bencoded by hand per BEP 3 (keys sorted), each with its own info-hash.</summary>
internal static class TestTorrents
{
    public static byte[] Make(string name, long length = 10_000)
    {
        using var stream = new MemoryStream();
        void Write(string text) => stream.Write(Encoding.ASCII.GetBytes(text));
        void String(string text) => Write($"{Encoding.UTF8.GetByteCount(text)}:{text}");

        var pieces = (int)((length + 16383) / 16384);
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
        Write($"{pieces * 20}:");
        stream.Write(RandomNumberGenerator.GetBytes(pieces * 20));
        String("private");
        Write("i1e");
        Write("e");
        Write("e");
        return stream.ToArray();
    }
}
