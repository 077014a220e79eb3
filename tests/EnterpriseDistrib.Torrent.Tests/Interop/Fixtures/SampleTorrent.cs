using System.Globalization;
using EnterpriseDistrib.Torrent.Bencoding;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Torrent.Tests.Interop.Fixtures;

/// <summary>
/// A single-file torrent made by mktorrent for interop tests: random content in a temp folder (<see cref="ContentFolder"/>,
/// what a seed serves), and the .torrent file beside it. The folder is deleted on dispose.
/// </summary>
public sealed class SampleTorrent : IDisposable
{
    private SampleTorrent(DirectoryInfo root, string name, byte[] content, string torrentPath, InfoHash infoHash)
    {
        Root = root;
        Name = name;
        Content = content;
        TorrentPath = torrentPath;
        InfoHash = infoHash;
    }

    public DirectoryInfo Root { get; }

    /// <summary>The torrent's name: the file name inside <see cref="ContentFolder"/>.</summary>
    public string Name { get; }

    public byte[] Content { get; }

    public string ContentFolder => Path.Combine(Root.FullName, "seed");

    public string TorrentPath { get; }

    public InfoHash InfoHash { get; }

    /// <summary>Writes <paramref name="length"/> seeded-random bytes and makes a private torrent of them with mktorrent.</summary>
    /// <param name="pieceLengthLog2">Piece length as a power of two (mktorrent's -l), 15 (32 KiB) and up.</param>
    public static async Task<SampleTorrent> CreateAsync(Uri announceUrl, int length, int pieceLengthLog2 = 16, int seed = 1, string name = "payload.bin")
    {
        ArgumentNullException.ThrowIfNull(announceUrl);
        var root = Directory.CreateTempSubdirectory("edist-sample-");
        var content = new byte[length];
        new Random(seed).NextBytes(content);
        var seedFolder = Directory.CreateDirectory(Path.Combine(root.FullName, "seed"));
        var contentPath = Path.Combine(seedFolder.FullName, name);
        await File.WriteAllBytesAsync(contentPath, content);
        var torrentPath = Path.Combine(root.FullName, name + ".torrent");

        await using (var mktorrent = FixtureProcess.Start(
            "mktorrent",
            ["-p", "-a", announceUrl.ToString(), "-l", pieceLengthLog2.ToString(CultureInfo.InvariantCulture), "-o", torrentPath, contentPath],
            root.FullName,
            TimeSpan.FromMinutes(2)))
        {
            var code = await mktorrent.WaitForExitAsync(TimeSpan.FromMinutes(2));
            if (code != 0)
            {
                throw new InvalidOperationException($"mktorrent exited with {code}:\n{mktorrent.Output}");
            }
        }

        return new SampleTorrent(root, name, content, torrentPath, ReadInfoHash(await File.ReadAllBytesAsync(torrentPath)));
    }

    /// <summary>The info-hash of a .torrent file: SHA-1 of its <c>info</c> dictionary's exact bytes.</summary>
    public static InfoHash ReadInfoHash(byte[] torrent)
    {
        var root = BencodeDecoder.DecodeDictionary(torrent);
        var info = root.GetDictionary("info") ?? throw new InvalidDataException("The torrent has no info dictionary.");
        return InfoHash.Compute(info.Raw.Span);
    }

    public void Dispose()
    {
        try
        {
            Root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A killed client may still hold a file for a moment; /tmp is cleaned eventually.
        }
    }
}
