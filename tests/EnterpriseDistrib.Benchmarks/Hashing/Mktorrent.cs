using System.Diagnostics;
using System.Globalization;
using EnterpriseDistrib.Torrent.Bencoding;

namespace EnterpriseDistrib.Benchmarks.Hashing;

/// <summary>Runs Debian's multi-threaded <c>mktorrent</c> on a file, timed, and reads back its piece hashes.</summary>
internal sealed class Mktorrent(string workFolder)
{
    public const string Executable = "/usr/bin/mktorrent";
    private const string TimeExecutable = "/usr/bin/time";

    /// <summary>Creates a torrent of <paramref name="file"/>; returns wall time, CPU seconds and the <c>pieces</c> bytes.</summary>
    public async Task<(TimeSpan Elapsed, double CpuSeconds, byte[] Pieces)> RunAsync(string file, int pieceLength, int threads, CancellationToken cancellationToken)
    {
        var output = Path.Combine(workFolder, "mktorrent-out.torrent");
        var times = Path.Combine(workFolder, "mktorrent-time.txt");
        File.Delete(output);
        File.Delete(times);
        var start = new ProcessStartInfo(TimeExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "-f", "%U %S", "-o", times, Executable,
            "-l", BitLog2(pieceLength).ToString(CultureInfo.InvariantCulture),
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-a", "http://127.0.0.1:1/announce", "-d", "-o", output, file,
        })
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mktorrent exited with {process.ExitCode}: {await stderr}{await stdout}");
        }

        var cpu = (await File.ReadAllTextAsync(times, cancellationToken)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Sum(t => double.Parse(t, CultureInfo.InvariantCulture));
        var torrent = BencodeDecoder.DecodeDictionary(await File.ReadAllBytesAsync(output, cancellationToken));
        if (!torrent.TryGetValue("info", out var info) || info is not BencodeDictionary infoDictionary
            || !infoDictionary.TryGetValue("pieces", out var pieces) || pieces is not BencodeString piecesString)
        {
            throw new InvalidOperationException("mktorrent's output has no info.pieces.");
        }

        return (elapsed, cpu, piecesString.Bytes.ToArray());
    }

    private static int BitLog2(int pieceLength)
    {
        if (pieceLength <= 0 || (pieceLength & (pieceLength - 1)) != 0)
        {
            throw new ArgumentException($"mktorrent needs a power-of-two piece length, not {pieceLength}.");
        }

        return System.Numerics.BitOperations.Log2((uint)pieceLength);
    }
}
