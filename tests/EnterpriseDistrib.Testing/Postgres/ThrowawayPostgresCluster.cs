using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EnterpriseDistrib.Testing.Postgres;

/// <summary>
/// A PostgreSQL cluster in a temp folder on a free 127.0.0.1 port, started from the machine's binaries and
/// deleted on dispose. initdb and postgres refuse to run as root, so as root they run as the postgres user.
/// Durability is off (fsync, synchronous_commit, full_page_writes): it is for tests only.
/// </summary>
internal sealed class ThrowawayPostgresCluster : IAsyncDisposable
{
    private const string DebianPostgresFolder = "/usr/lib/postgresql";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _folder;
    private readonly bool _asPostgresUser;

    private ThrowawayPostgresCluster(string folder, int port, bool asPostgresUser)
    {
        _folder = folder;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    /// <summary>The newest server installed the Debian way (/usr/lib/postgresql/&lt;major&gt;/bin), e.g. 15 on Debian 12.</summary>
    private static string BinaryFolder { get; } = FindBinaryFolder();

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";

    public static async Task<ThrowawayPostgresCluster> StartAsync(CancellationToken cancellationToken)
    {
        var asPostgresUser = Environment.IsPrivilegedProcess;
        var folder = Directory.CreateTempSubdirectory("edist-pg-").FullName;
        try
        {
            if (asPostgresUser)
            {
                await RunAsync("chown", ["postgres:postgres", folder], cancellationToken);
            }

            var data = Path.Combine(folder, "data");
            await RunAsync(asPostgresUser, Path.Combine(BinaryFolder, "initdb"),
                ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"], cancellationToken);

            // A port picked now may be taken by the time postgres binds it: try a few.
            Exception? last = null;
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var port = FreePort();
                var cluster = new ThrowawayPostgresCluster(folder, port, asPostgresUser);
                try
                {
                    await RunAsync(asPostgresUser, Path.Combine(BinaryFolder, "pg_ctl"),
                    [
                        "-D", data, "-l", Path.Combine(folder, "log"), "-w", "-t", "60", "start",
                        "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                              "-c full_page_writes=off -c max_connections=400 -c shared_buffers=64MB",
                    ], cancellationToken);
                    return cluster;
                }
                catch (InvalidOperationException ex)
                {
                    last = ex;
                }
            }

            throw new InvalidOperationException($"PostgreSQL did not start after 5 ports; log: {ReadLog(folder)}", last);
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(_asPostgresUser, Path.Combine(BinaryFolder, "pg_ctl"),
                ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to stop; the folder is removed below either way.
        }

        TryDelete(_folder);
    }

    private static Task RunAsync(bool asPostgresUser, string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], cancellationToken)
            : RunAsync(program, arguments, cancellationToken);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ReadLog(string folder)
    {
        var log = Path.Combine(folder, "log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is not worth failing a test run for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindBinaryFolder()
    {
        var newest = Directory.Exists(DebianPostgresFolder)
            ? Directory.EnumerateDirectories(DebianPostgresFolder)
                .Where(folder => File.Exists(Path.Combine(folder, "bin", "initdb")))
                .OrderByDescending(folder => int.TryParse(Path.GetFileName(folder), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        return newest is null
            ? throw new InvalidOperationException(
                $"No PostgreSQL server under {DebianPostgresFolder}/<version>/bin: install it (apt-get install postgresql) or set EDIST_TEST_POSTGRES to an admin connection string.")
            : Path.Combine(newest, "bin");
    }
}
