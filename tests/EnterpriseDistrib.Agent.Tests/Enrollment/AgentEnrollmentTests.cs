using EnterpriseDistrib.Agent.Enrollment;
using EnterpriseDistrib.Agent.ServerApi;
using EnterpriseDistrib.Agent.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace EnterpriseDistrib.Agent.Tests.Enrollment;

// The file-mode checks are the Linux protection; Windows uses DPAPI instead.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AgentEnrollmentTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Enrollment_stores_the_credential_in_an_owner_only_file_and_never_logs_it()
    {
        await using var server = await ScriptedAgentServer.StartAsync();
        server.State.EnrollmentTokens["eden_secret-token"] = false;
        var logs = new CollectingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var settings = AgentFixture.Settings(_data.Path, server.Url);

        var identity = await new AgentEnrollment(settings, TimeProvider.System, loggers).EnrollAsync("eden_secret-token", CancellationToken.None);

        var (credential, agentId) = Assert.Single(server.State.Credentials);
        var store = new CredentialStore(_data.Path);
        Assert.Equal(agentId, identity.AgentId);
        Assert.Equal(credential, await store.LoadAsync(CancellationToken.None));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.FilePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(store.FilePath)!));
        Assert.Contains(logs.Lines, l => l.Contains(agentId.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(credential, logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("eden_secret-token", logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(credential, await File.ReadAllTextAsync(new AgentIdentityFile(_data.Path).FilePath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_again_tightens_a_folder_and_file_someone_loosened()
    {
        var store = new CredentialStore(_data.Path);
        await store.SaveAsync("edag_first", CancellationToken.None);
        var folder = Path.GetDirectoryName(store.FilePath)!;
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        await File.WriteAllTextAsync(store.FilePath + ".tmp", "left over from a crash");
        File.SetUnixFileMode(store.FilePath + ".tmp", (UnixFileMode)0b110_100_100);

        await store.SaveAsync("edag_second", CancellationToken.None);

        Assert.Equal("edag_second", await store.LoadAsync(CancellationToken.None));
        Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(folder));
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(store.FilePath));
    }

    [Fact]
    public async Task The_records_carrying_secrets_do_not_print_them()
    {
        var request = new EnrollRequest("eden_printed", "host", "linux", "1.0");
        var response = new EnrollResponse(Guid.NewGuid(), "edag_printed", null, null);

        Assert.DoesNotContain("eden_printed", request.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("edag_printed", response.ToString(), StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task No_credential_means_not_enrolled()
    {
        Assert.Null(await new CredentialStore(_data.Path).LoadAsync(CancellationToken.None));
        Assert.Null(await new AgentIdentityFile(_data.Path).LoadAsync(CancellationToken.None));
    }
}
