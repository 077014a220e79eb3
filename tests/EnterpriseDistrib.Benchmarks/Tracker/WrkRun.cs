using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EnterpriseDistrib.Benchmarks.Tracker;

/// <summary>One wrk run over a Lua script that cycles through prepared request paths; its requests/s and latency percentiles.</summary>
internal sealed partial record WrkRun(double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, long Errors, string Output)
{
    /// <summary>Writes the script: every path formatted once per thread in init, then taken in turn (each thread from its own offset).</summary>
    public static async Task<string> WriteScriptAsync(string folder, string name, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var script = new StringBuilder();
        script.AppendLine("local paths = {");
        foreach (var path in paths)
        {
            script.Append("  \"").Append(path).AppendLine("\",");
        }

        script.AppendLine("}");
        script.AppendLine("""
            local requests = {}
            local counter = 0
            local thread_count = 0
            function setup(thread)
              thread:set("offset", thread_count * 7919)
              thread_count = thread_count + 1
            end
            function init(args)
              for i, p in ipairs(paths) do requests[i] = wrk.format("GET", p) end
              counter = offset or 0
            end
            function request()
              counter = counter + 1
              return requests[(counter % #requests) + 1]
            end
            """);
        var file = Path.Combine(folder, name + ".lua");
        await File.WriteAllTextAsync(file, script.ToString(), cancellationToken);
        return file;
    }

    public static async Task<WrkRun> RunAsync(string baseUrl, string script, int threads, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            $"-t{threads}", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "-s", script, baseUrl,
        })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken) + await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 || RateLine().Match(output) is not { Success: true } rate)
        {
            throw new InvalidOperationException($"wrk failed (exit {process.ExitCode}):\n{output}");
        }

        var errors = Non2xx().Match(output) is { Success: true } non2xx ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkRun(double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), Percentile(output, "50"), Percentile(output, "99"), errors, output);
    }

    private static double Percentile(string output, string percent)
    {
        var match = Regex.Match(output, $@"^\s*{percent}(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            return double.NaN;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RateLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();
}
