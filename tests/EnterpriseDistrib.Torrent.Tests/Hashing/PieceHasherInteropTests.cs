using System.Diagnostics;
using System.Text;
using EnterpriseDistrib.Torrent.Bencoding;
using EnterpriseDistrib.Torrent.Hashing;

namespace EnterpriseDistrib.Torrent.Tests.Hashing;

/// <summary>Our hashes against a real torrent creator's (Debian's mktorrent), on the same files.</summary>
public sealed class PieceHasherInteropTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Piece_hashes_match_mktorrent_for_a_folder_of_many_and_empty_files()
    {
        var content = Path.Combine(_folder.Path, "pkg");
        var sizes = new[] { 70_000, 0, 1, 33, 32_768, 0, 5, 100_001, 7, 65_536, 12 };
        for (var i = 0; i < sizes.Length; i++)
        {
            _folder.WriteFile($"pkg/{(char)('a' + (i % 3))}/file{i:D2}.bin", sizes[i], seed: 100 + i);
        }

        var torrentPath = Path.Combine(_folder.Path, "pkg.torrent");
        await RunMktorrentAsync("-l", "15", "-t", "2", "-a", "http://127.0.0.1:1/announce", "-o", torrentPath, content);
        var info = Get<BencodeDictionary>(BencodeDecoder.DecodeDictionary(await File.ReadAllBytesAsync(torrentPath)), "info");

        // Hash the files in the order and with the lengths mktorrent put in the torrent.
        var files = Get<BencodeList>(info, "files").Cast<BencodeDictionary>()
            .Select(f => new SourceFile(
                Path.Combine([content, .. Get<BencodeList>(f, "path").Cast<BencodeString>().Select(s => s.ToUtf8String())]),
                Get<BencodeInteger>(f, "length").Value))
            .ToList();
        var ours = await new PieceHasher().HashAsync(files, 1 << 15);

        Assert.Equal(sizes.Length, files.Count);
        Assert.Equal(Get<BencodeString>(info, "pieces").Bytes.ToArray(), ours);
    }

    private static T Get<T>(BencodeDictionary dictionary, string key)
        where T : BencodeValue =>
        Assert.IsType<T>(dictionary.TryGetValue(key, out var value) ? value : null);

    private static async Task RunMktorrentAsync(params string[] args)
    {
        var start = new ProcessStartInfo("mktorrent") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, new StringBuilder("mktorrent failed: ").Append(await errors).Append(await output).ToString());
    }
}
