using System.Diagnostics;

namespace EnterpriseDistrib.Cli.Commands.Lab;

/// <summary>
/// One child process of the lab (the server or an agent), started from a .NET assembly next to <c>edist</c>, its
/// output appended to a log file. Disposing kills it with its whole tree, so Ctrl-C or a failure leaves nothing behind.
/// </summary>
internal sealed class LabProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private LabProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static LabProcess Start(string name, string assembly, IEnumerable<string> arguments, string logFile, bool serverGc = false)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (serverGc)
        {
            start.Environment["DOTNET_gcServer"] = "1";
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        if (!process.Start())
        {
            log.Dispose();
            throw new LabException($"{name} did not start ({start.FileName} {string.Join(' ', start.ArgumentList)}).");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new LabProcess(name, process, log);
    }

    /// <summary>Runs to the end (e.g. an enrollment) and returns its exit code; killed when <paramref name="cancellationToken"/> fires.</summary>
    public async Task<int> WaitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            // Already gone, or not dying: the OS reaps it; nothing more to do from here.
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    // The lab runs under `dotnet run` or `dotnet edist.dll`; either way the host that runs us can run the others.
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static void Append(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives while the process is being killed.
            }
        }
    }
}
