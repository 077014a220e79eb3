using System.Diagnostics;

namespace EnterpriseDistrib.Cli.Tests;

/// <summary>Runs the real <c>edist</c> program (the built edist.dll next to the tests) as a child process.</summary>
internal static class EdistProcess
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static Task<EdistResult> RunAsync(params string[] arguments) => RunAsync(DefaultTimeout, arguments);

    public static async Task<EdistResult> RunAsync(TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edist.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"edist {string.Join(' ', arguments)} did not finish within {limit}.");
        }

        return new EdistResult(process.ExitCode, await output, await error);
    }
}

internal sealed record EdistResult(int ExitCode, string Output, string Error);
