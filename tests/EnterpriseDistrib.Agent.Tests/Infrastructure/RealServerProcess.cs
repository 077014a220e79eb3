using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace EnterpriseDistrib.Agent.Tests.Infrastructure;

/// <summary>
/// The real server (EnterpriseDistrib.Server.dll from its own build output) in its own process on its embedded
/// defaults: SQLite in a temp folder, one silo, development auth on loopback; plus the admin calls a test needs.
/// </summary>
internal sealed class RealServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TempFolder _data;

    private RealServerProcess(Process process, TempFolder data, Uri url)
    {
        _process = process;
        _data = data;
        Url = url;
    }

    public Uri Url { get; }

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

    public static string ServerDll { get; } = typeof(RealServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ServerDll").Value!;

    public static async Task<RealServerProcess> StartAsync()
    {
        var data = new TempFolder();
        var port = ScriptedAgentServer.DeadPort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var folder = Path.GetDirectoryName(ServerDll)!;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = data.Path,
        };
        foreach (var arg in (string[])[ServerDll, "--contentRoot", folder, "--urls", url.ToString().TrimEnd('/'),
            $"--ConnectionStrings:Catalog=Data Source={Path.Combine(data.Path, "catalog.db")}",
            $"--Silo:SiloPort={ScriptedAgentServer.DeadPort().ToString(CultureInfo.InvariantCulture)}", "--Logging:LogLevel:Default=Warning"])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        var process = new Process { StartInfo = info };
        var server = new RealServerProcess(process, data, url);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync();
        return server;
    }

    /// <summary>A client holding a development admin token.</summary>
    public async Task<HttpClient> AdminAsync()
    {
        var admin = new HttpClient { BaseAddress = Url };
        using var minted = await admin.PostAsync(new Uri("dev/token?role=Admin", UriKind.Relative), null);
        minted.EnsureSuccessStatusCode();
        var token = (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return admin;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _process.Dispose();
        _data.Dispose();
    }

    // Bounded wait for /health/ready; a server that exits or never gets ready fails with its output.
    private async Task WaitReadyAsync()
    {
        using var probe = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        using var timeout = new CancellationTokenSource(StartTimeout);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode}. Output:\n{Output}");
            }

            try
            {
                using var ready = await probe.GetAsync(new Uri("health/ready", UriKind.Relative), timeout.Token);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (!await tick.WaitForNextTickAsync(timeout.Token))
            {
                break;
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
