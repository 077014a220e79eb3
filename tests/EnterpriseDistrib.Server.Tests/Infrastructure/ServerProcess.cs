using System.Diagnostics;
using System.Text;

namespace EnterpriseDistrib.Server.Tests.Infrastructure;

/// <summary>
/// The real server binary (EnterpriseDistrib.Server.dll, copied next to the tests) in its own process, with
/// its own appsettings*.json and a temp data folder; started with command-line settings only.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, string dataFolder)
    {
        _process = process;
        DataFolder = dataFolder;
    }

    public string DataFolder { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Starts the server with <paramref name="args"/> in <paramref name="environment"/>; does not wait for it.</summary>
    public static ServerProcess Start(string environment, params string[] args)
    {
        var dataFolder = Directory.CreateTempSubdirectory("edist-server-test-").FullName;
        var baseDirectory = AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataFolder,
        };
        info.ArgumentList.Add(Path.Combine(baseDirectory, "EnterpriseDistrib.Server.dll"));
        info.ArgumentList.Add("--contentRoot");
        info.ArgumentList.Add(baseDirectory);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg.Replace("{data}", dataFolder, StringComparison.Ordinal));
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["DOTNET_ENVIRONMENT"] = environment;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var server = new ServerProcess(process, dataFolder);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Exited += (_, _) => server._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Completes when the host logs that it started; fails if the process exits first or the timeout passes.</summary>
    public async Task WaitUntilStartedAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(_started.Task, _exited.Task, Task.Delay(timeout));
        if (finished != _started.Task)
        {
            throw new InvalidOperationException($"The server did not start (exit code {ExitCode?.ToString() ?? "none yet"}). Output:\n{Output}");
        }
    }

    /// <summary>Completes when the process exits; false on timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        if (await Task.WhenAny(_exited.Task, Task.Delay(timeout)) != _exited.Task)
        {
            return false;
        }

        // The exit can be seen before the last redirected lines are read; this waits for both streams to end.
        await _process.WaitForExitAsync();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _exited.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _process.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the OS's temp cleanup.
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }
    }
}
