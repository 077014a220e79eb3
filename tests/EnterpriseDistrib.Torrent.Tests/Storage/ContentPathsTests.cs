using System.Collections.Immutable;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Storage;
using EnterpriseDistrib.Torrent.Tests.Hashing;

namespace EnterpriseDistrib.Torrent.Tests.Storage;

public sealed class ContentPathsTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _root;
    private readonly string _outside;

    public ContentPathsTests()
    {
        _root = Directory.CreateDirectory(Path.Combine(_folder.Path, "root")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_folder.Path, "outside")).FullName;
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("pkg", "..", "..", "escaped")]
    [InlineData("..", "escaped")]
    [InlineData("pkg", "/etc/passwd")]
    [InlineData("/tmp", "x")]
    [InlineData("pkg", "a", "..", "..", "..", "x")]
    [InlineData("..")]
    [InlineData(".")]
    public void Paths_leading_outside_the_root_are_refused(params string[] components)
    {
        var error = Assert.Throws<StoragePathException>(() => new PieceStorage(LayoutOf(components), _root));
        Assert.Contains("download folder", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
    }

    [Fact]
    public void A_symlinked_folder_pointing_outside_is_refused_when_the_storage_opens()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "pkg"), _outside);

        var error = Assert.Throws<StoragePathException>(() => new PieceStorage(LayoutOf("pkg", "file.bin"), _root));
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symlinked_folder_planted_after_opening_is_refused_before_any_write()
    {
        await using var storage = new PieceStorage(LayoutOf("pkg", "sub", "file.bin"), _root);
        Directory.CreateDirectory(Path.Combine(_root, "pkg"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "pkg", "sub"), _outside);

        await Assert.ThrowsAsync<StoragePathException>(async () => await storage.WriteAsync(0, 0, new byte[10]));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
    }

    [Fact]
    public void A_symlinked_file_pointing_outside_is_refused()
    {
        var target = Path.Combine(_outside, "victim");
        File.WriteAllText(target, "precious");
        Directory.CreateDirectory(Path.Combine(_root, "pkg"));
        File.CreateSymbolicLink(Path.Combine(_root, "pkg", "file.bin"), target);

        Assert.Throws<StoragePathException>(() => new PieceStorage(LayoutOf("pkg", "file.bin"), _root));
        Assert.Equal("precious", File.ReadAllText(target));
    }

    [Fact]
    public async Task Symlinks_that_stay_inside_the_root_and_a_symlinked_root_are_allowed()
    {
        var real = Directory.CreateDirectory(Path.Combine(_root, "real")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(_root, "pkg"), real);
        var linkedRoot = Path.Combine(_folder.Path, "linked-root");
        Directory.CreateSymbolicLink(linkedRoot, _root);

        await using var storage = new PieceStorage(LayoutOf("pkg", "file.bin"), linkedRoot);
        await storage.WriteAsync(0, 0, new byte[10]);

        Assert.Equal(10, new FileInfo(Path.Combine(real, "file.bin")).Length);
    }

    [Fact]
    public async Task The_piece_checker_refuses_escaping_paths_too() =>
        await Assert.ThrowsAsync<StoragePathException>(() => new PieceChecker().CheckAsync(LayoutOf("..", "x"), _root));

    /// <summary>A one-file layout of 10 bytes at the given path components, bypassing metainfo validation.</summary>
    private static ContentLayout LayoutOf(params string[] components) =>
        new(16384, [new FileEntry([.. components], 10, 0)], new byte[20]);
}
