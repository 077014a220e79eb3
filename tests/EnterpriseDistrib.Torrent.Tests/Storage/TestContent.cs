using System.Collections.Immutable;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Tests.Hashing;

namespace EnterpriseDistrib.Torrent.Tests.Storage;

/// <summary>A multi-file torrent's content made of seeded random bytes, with its layout and piece hashes.</summary>
internal sealed class TestContent
{
    private TestContent(ContentLayout layout, byte[] bytes)
    {
        Layout = layout;
        Bytes = bytes;
    }

    public ContentLayout Layout { get; }

    /// <summary>The concatenated content.</summary>
    public byte[] Bytes { get; }

    public static InfoHash InfoHash { get; } = InfoHash.ParseHex("0123456789abcdef0123456789abcdef01234567");

    /// <summary>
    /// Files given as "dir/name=size" relative to the torrent's folder "pkg" (the first path component).
    /// </summary>
    public static TestContent Create(int pieceLength, params string[] files)
    {
        var entries = ImmutableArray.CreateBuilder<FileEntry>();
        long offset = 0;
        foreach (var file in files)
        {
            var (path, size) = (file[..file.IndexOf('=')], long.Parse(file[(file.IndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            entries.Add(new FileEntry(["pkg", .. path.Split('/')], size, offset));
            offset += size;
        }

        var bytes = new byte[offset];
        new Random(files.Length * 7919 + pieceLength).NextBytes(bytes);
        return new TestContent(new ContentLayout(pieceLength, entries.ToImmutable(), ReferenceHashes.Of(bytes, pieceLength)), bytes);
    }

    /// <summary>The typical test torrent: nested folders, empty files, a piece spanning many small files.</summary>
    public static TestContent Typical() => Create(
        16384,
        "a.bin=20000", "empty1=0", "sub/b.bin=5000", "sub/deep/c.bin=1", "sub/deep/d.bin=2", "sub/deep/empty2=0",
        "small/e=100", "small/f=200", "small/g=300", "h.bin=40000");

    public string PathOf(string root, int fileIndex) => Path.Combine(root, Layout.Files[fileIndex].RelativePath);

    public ReadOnlySpan<byte> BytesOf(int fileIndex)
    {
        var file = Layout.Files[fileIndex];
        return Bytes.AsSpan((int)file.Offset, (int)file.Length);
    }

    public ReadOnlySpan<byte> Piece(int piece) =>
        Bytes.AsSpan((int)Layout.GetPieceOffset(piece), Layout.GetPieceSize(piece));

    /// <summary>Writes every file as a finished download would have it.</summary>
    public void WriteAll(string root)
    {
        for (var i = 0; i < Layout.Files.Length; i++)
        {
            var path = PathOf(root, i);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, BytesOf(i).ToArray());
        }
    }
}
