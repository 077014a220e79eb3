using System.Diagnostics;
using System.Numerics;

namespace EnterpriseDistrib.Torrent.Tests.Metainfo;

/// <summary>Runs the real mktorrent and transmission-create on test content and returns the .torrent they write.</summary>
internal static class ReferenceTools
{
    public static async Task<byte[]> MktorrentAsync(string content, string output, int pieceLength, bool isPrivate, string tracker, params string[] extra)
    {
        List<string> arguments = ["-l", BitOperations.Log2((uint)pieceLength).ToString(System.Globalization.CultureInfo.InvariantCulture), "-a", tracker, "-o", output, "-t", "1"];
        if (isPrivate)
        {
            arguments.Add("-p");
        }

        arguments.AddRange(extra);
        arguments.Add(content);
        await RunAsync("mktorrent", arguments);
        return await File.ReadAllBytesAsync(output);
    }

    public static async Task<byte[]> TransmissionCreateAsync(string content, string output, int pieceLength, bool isPrivate, string tracker)
    {
        List<string> arguments = ["-s", (pieceLength / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", tracker, "-o", output];
        if (isPrivate)
        {
            arguments.Add("-p");
        }

        arguments.Add(content);
        await RunAsync("transmission-create", arguments);
        return await File.ReadAllBytesAsync(output);
    }

    private static async Task RunAsync(string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {await stdout} {await stderr}");
        }
    }
}
