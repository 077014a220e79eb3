using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EnterpriseDistrib.Cli.Tests.Publish;

/// <summary>
/// <c>edist server</c> (the real edist.dll) in its own process on its embedded defaults: SQLite and the
/// origin in a temp data folder, development auth, API and origin seeder on 127.0.0.1.
/// </summary>
internal sealed class EdistServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private EdistServer(Process process, string dataFolder, Uri baseAddress)
    {
        _process = process;
        DataFolder = dataFolder;
        BaseAddress = baseAddress;
    }

    public string DataFolder { get; }

    public Uri BaseAddress { get; }

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

    public static async Task<EdistServer> StartAsync()
    {
        var data = Directory.CreateTempSubdirectory("edist-publish-server-").FullName;
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = data };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edist.dll"));
        foreach (var argument in new[] { "server", "--urls", $"http://127.0.0.1:{port}", "--data", data })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["Silo__SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture);
        info.Environment["Origin__PeerBindAddress"] = "127.0.0.1";
        var process = Process.Start(info)!;
        var server = new EdistServer(process, data, new Uri($"http://127.0.0.1:{port}/"));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (server._output)
            {
                server._output.AppendLine(line);
            }

            if (line.Contains("Application started", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(started.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
        if (finished != started.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"edist server did not start. Output:\n{server.Output}");
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(DataFolder, recursive: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
