using System.Security.Cryptography;

namespace EnterpriseDistrib.Cli.Tests.Commands.Torrent;

public sealed class TorrentCommandTests : IDisposable
{
    private const int PieceSize = 64 * 1024;
    private readonly string _root = Directory.CreateTempSubdirectory("edist-cli-").FullName;

    public TorrentCommandTests()
    {
        var package = Path.Combine(_root, "package");
        Directory.CreateDirectory(Path.Combine(package, "docs"));
        File.WriteAllBytes(Path.Combine(package, "setup.bin"), RandomNumberGenerator.GetBytes((5 * PieceSize) + 123));
        File.WriteAllBytes(Path.Combine(package, "docs", "readme.txt"), RandomNumberGenerator.GetBytes(4000));
        File.WriteAllBytes(Path.Combine(package, "docs", "empty.txt"), []);
    }

    private string Package => Path.Combine(_root, "package");

    private string TorrentFile => Path.Combine(_root, "package.torrent");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Create_then_show_names_the_files_trackers_and_piece_count()
    {
        var created = await EdistProcess.RunAsync(
            "torrent", "create", Package, "-o", TorrentFile, "--piece-size", "64KiB", "--private",
            "--tracker", "http://127.0.0.1:6969/announce", "--web-seed", "http://127.0.0.1:8080/content/");
        Assert.Equal(0, created.ExitCode);

        var shown = await EdistProcess.RunAsync("torrent", "show", TorrentFile);

        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("Pieces:      6 of 64.0 KiB", shown.Output, StringComparison.Ordinal);
        Assert.Contains("Private:     yes", shown.Output, StringComparison.Ordinal);
        Assert.Contains("Tracker:     http://127.0.0.1:6969/announce", shown.Output, StringComparison.Ordinal);
        Assert.Contains("Web seed:    http://127.0.0.1:8080/content/", shown.Output, StringComparison.Ordinal);
        Assert.Contains("package/setup.bin", shown.Output, StringComparison.Ordinal);
        Assert.Contains("package/docs/empty.txt", shown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_exits_zero_when_every_piece_is_good()
    {
        await CreateTorrentAsync();

        var verified = await EdistProcess.RunAsync("torrent", "verify", TorrentFile, _root);

        Assert.Equal(0, verified.ExitCode);
        Assert.Contains("all 6 pieces verify", verified.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_reports_the_piece_holding_a_flipped_byte()
    {
        await CreateTorrentAsync();
        var file = Path.Combine(Package, "setup.bin");
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[(3 * PieceSize) + 17] ^= 0x01;
        await File.WriteAllBytesAsync(file, bytes);

        var verified = await EdistProcess.RunAsync("torrent", "verify", TorrentFile, _root);

        Assert.Equal(3, verified.ExitCode);
        Assert.Contains("Bad pieces: 3" + Environment.NewLine, verified.Output, StringComparison.Ordinal);
        Assert.Contains("package/setup.bin: corrupt, 1 bad piece(s)", verified.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_names_a_missing_file()
    {
        await CreateTorrentAsync();
        File.Delete(Path.Combine(Package, "docs", "readme.txt"));

        var verified = await EdistProcess.RunAsync("torrent", "verify", TorrentFile, _root);

        Assert.Equal(3, verified.ExitCode);
        Assert.Contains("package/docs/readme.txt: missing", verified.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_torrent_is_one_clear_line_and_a_non_zero_exit_code()
    {
        await File.WriteAllTextAsync(TorrentFile, "d4:infoi3e");

        var shown = await EdistProcess.RunAsync("torrent", "show", TorrentFile);

        Assert.Equal(1, shown.ExitCode);
        Assert.StartsWith("edist: ", shown.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", shown.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100KiB")]
    [InlineData("8KiB")]
    [InlineData("lots")]
    public async Task A_piece_size_that_is_not_a_valid_power_of_two_is_refused(string pieceSize)
    {
        var created = await EdistProcess.RunAsync("torrent", "create", Package, "-o", TorrentFile, "--piece-size", pieceSize);

        Assert.Equal(2, created.ExitCode);
        Assert.Contains("--piece-size", created.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(TorrentFile));
    }

    private async Task CreateTorrentAsync()
    {
        var created = await EdistProcess.RunAsync("torrent", "create", Package, "-o", TorrentFile, "--piece-size", "64KiB");
        Assert.Equal(0, created.ExitCode);
    }
}
