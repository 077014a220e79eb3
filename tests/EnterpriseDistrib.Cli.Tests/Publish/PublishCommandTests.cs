using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace EnterpriseDistrib.Cli.Tests.Publish;

public sealed class PublishCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("edist-publish-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Publish_hashes_registers_uploads_and_returns_once_the_origin_made_the_version_available()
    {
        await using var server = await EdistServer.StartAsync();
        var package = Path.Combine(_root, "office-suite");
        Directory.CreateDirectory(Path.Combine(package, "data"));
        File.WriteAllBytes(Path.Combine(package, "setup.exe"), RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17));
        File.WriteAllBytes(Path.Combine(package, "data", "core.cab"), RandomNumberGenerator.GetBytes(700_000));

        string[] arguments =
        [
            "publish", package, "--server", server.BaseAddress.ToString(), "--name", "Office Suite", "--version", "24.1",
            "--install", "Exe", "--command", "setup.exe", "--args", "/quiet", "--success-codes", "0,1", "--reboot-codes", "3010",
            "--timeout", "900", "--chunk-size", "1MiB",
        ];
        var published = await RunAsync(arguments);

        Assert.True(published.ExitCode == 0, published.Error + "\n" + server.Output);
        Assert.Contains("Published Office Suite 24.1: Available at the origin", published.Output, StringComparison.Ordinal);
        Assert.Contains("Uploading 100.0 %", published.Error, StringComparison.Ordinal);
        var version = await SingleVersionAsync(server, "Office Suite");
        Assert.Equal("Available", version.GetProperty("contentState").GetString());
        Assert.Equal("Exe", version.GetProperty("installerKind").GetString());
        Assert.Equal(3 * 1024 * 1024 + 17 + 700_000, version.GetProperty("totalSize").GetInt64());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_root, "cache"), "*.json", SearchOption.AllDirectories));

        // Publishing the same content again finds the version and has nothing to send.
        var again = await RunAsync(arguments);
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("Uploading", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_publish_continues_where_it_stopped()
    {
        await using var server = await EdistServer.StartAsync();
        var file = Path.Combine(_root, "big.msi");
        File.WriteAllBytes(file, RandomNumberGenerator.GetBytes(96 * 1024 * 1024));
        string[] arguments = ["publish", file, "--server", server.BaseAddress.ToString(), "--name", "Big", "--version", "1", "--install", "Msi", "--chunk-size", "64KiB"];

        // Killed as soon as the first bytes are at the origin.
        await KillOnceUploadingAsync(arguments, server);
        var resumed = await RunAsync(arguments);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.True(resumed.Error.Contains("Resuming: ", StringComparison.Ordinal), resumed.Error);
        Assert.Equal("Available", (await SingleVersionAsync(server, "Big")).GetProperty("contentState").GetString());
    }

    [Fact]
    public async Task An_unreachable_server_and_a_wrong_installer_kind_say_what_to_do()
    {
        File.WriteAllBytes(Path.Combine(_root, "a.msi"), [1, 2, 3]);
        var unreachable = await RunAsync("publish", Path.Combine(_root, "a.msi"), "--server", $"http://127.0.0.1:{EdistServer.FreePort()}", "--name", "A", "--version", "1", "--install", "Msi");
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("cannot reach", unreachable.Error, StringComparison.Ordinal);

        var wrongKind = await RunAsync("publish", Path.Combine(_root, "a.msi"), "--name", "A", "--version", "1", "--install", "Zip");
        Assert.Equal(2, wrongKind.ExitCode);
        Assert.Contains("must be Msi, Exe or Script", wrongKind.Error, StringComparison.Ordinal);
    }

    private async Task KillOnceUploadingAsync(string[] arguments, EdistServer server)
    {
        using var process = Start(arguments);
        var uploads = Path.Combine(server.DataFolder, "origin", "uploads");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var drain = process.StandardError.ReadToEndAsync(deadline.Token);
        var drainOut = process.StandardOutput.ReadToEndAsync(deadline.Token);

        // An upload record whose offset moved means bytes arrived; then the client dies without warning.
        while (!Directory.Exists(uploads) || !Directory.EnumerateFiles(uploads, "*.json", SearchOption.AllDirectories)
                   .Any(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("offset").GetInt64() > 0))
        {
            if (process.HasExited)
            {
                Assert.Fail("publish finished before it could be interrupted: " + await drain);
            }

            await Task.Delay(10, deadline.Token);
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(deadline.Token);
        await Task.WhenAll(drain, drainOut);
    }

    private Process Start(string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edist.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The resume state goes to a cache folder of the test's own.
        info.Environment["XDG_CACHE_HOME"] = Path.Combine(_root, "cache");
        Directory.CreateDirectory(Path.Combine(_root, "cache"));
        return Process.Start(info)!;
    }

    private async Task<EdistResult> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return new EdistResult(process.ExitCode, await output, await error);
    }

    private static async Task<JsonElement> SingleVersionAsync(EdistServer server, string name)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var token = await (await http.PostAsync(new Uri("/dev/token?role=Viewer", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        var packages = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/packages", UriKind.Relative));
        var id = packages.EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("id").GetString();
        var package = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/packages/{id}", UriKind.Relative));
        return package.GetProperty("versions").EnumerateArray().Single();
    }
}
