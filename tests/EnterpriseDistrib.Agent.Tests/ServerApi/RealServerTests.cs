using System.Collections;
using System.Net.Http.Json;
using System.Text.Json;
using EnterpriseDistrib.Agent.Enrollment;
using EnterpriseDistrib.Agent.Hosting;
using EnterpriseDistrib.Agent.Outbox;
using EnterpriseDistrib.Agent.ServerApi;
using EnterpriseDistrib.Agent.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EnterpriseDistrib.Agent.Tests.ServerApi;

/// <summary>The agent against the real server process on its embedded defaults (one server start for the whole story).</summary>
public sealed class RealServerTests : IDisposable
{
    private readonly TempFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_agent_enrolls_is_placed_by_its_bound_address_calls_in_reports_and_is_stopped_by_revocation()
    {
        await using var server = await RealServerProcess.StartAsync();
        using var admin = await server.AdminAsync();
        var site = await Json(await admin.PostAsJsonAsync("api/v1/sites", new { name = "office-31", ranges = new[] { "127.0.31.0/24" } }));
        var secret = (await Json(await admin.PostAsJsonAsync("api/v1/enrollment-tokens", new { description = "agent tests" }))).GetProperty("secret").GetString()!;
        var logs = new CollectingLoggerProvider();
        var output = new StringWriter();
        var error = new StringWriter();
        var cli = new AgentCli(output, error, b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace), new Hashtable());

        var refused = await cli.InvokeAsync(["enroll", "--server", server.Url.ToString(), "--token", "eden_not-a-real-token", "--data", _data.Path]);
        var enrolled = await cli.InvokeAsync(["enroll", "--server", server.Url.ToString(), "--token", secret, "--data", _data.Path, "--bind", "127.0.31.7"]);

        Assert.Equal(AgentExitCodes.EnrollmentRefused, refused);
        Assert.Contains("Unknown enrollment token", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(AgentExitCodes.Success, enrolled);
        var identity = (await new AgentIdentityFile(_data.Path).LoadAsync(CancellationToken.None))!;
        var credential = (await new CredentialStore(_data.Path).LoadAsync(CancellationToken.None))!;
        Assert.Equal(site.GetProperty("id").GetGuid(), identity.SiteId);
        Assert.StartsWith("edag_", credential, StringComparison.Ordinal);
        Assert.DoesNotContain(credential, logs.AllText + output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, logs.AllText + output + error, StringComparison.Ordinal);

        var settings = AgentFixture.Settings(_data.Path, server.Url) with { BindAddress = System.Net.IPAddress.Parse("127.0.31.7") };
        using var client = AgentFixture.Client(settings, credential);
        var beat = await client.HeartbeatAsync(new HeartbeatRequest("test"), CancellationToken.None);
        var assignments = await client.GetAssignmentsAsync(CancellationToken.None);
        var outbox = new DurableOutbox(Path.Combine(_data.Path, "outbox"), TimeProvider.System);
        var sender = new OutboxSender(outbox, client, 10, NullLogger<OutboxSender>.Instance);
        await sender.EnqueueAsync(new StatusReport(Guid.NewGuid(), 0, RolloutState.Downloading, 10, 1024, Transfers: [new TransferTotal(TransferSourceClass.Origin, null, 1024)]), CancellationToken.None);
        var delivered = await sender.DrainAsync(CancellationToken.None);
        var seen = await Json(await admin.GetAsync(new Uri($"api/v1/agents/{identity.AgentId}", UriKind.Relative)));

        Assert.Equal(identity.AgentId, beat.AgentId);
        Assert.Equal(identity.SiteId, beat.SiteId);
        Assert.Empty(assignments);
        Assert.Equal(1, delivered);
        Assert.Equal(0, outbox.Count);
        Assert.Contains("127.0.31.7", seen.ToString(), StringComparison.Ordinal);

        (await admin.PostAsync(new Uri($"api/v1/agents/{identity.AgentId}/revoke", UriKind.Relative), null)).EnsureSuccessStatusCode();
        var stopped = await Assert.ThrowsAsync<AgentNotAuthorizedException>(() => client.HeartbeatAsync(new HeartbeatRequest("test"), CancellationToken.None));
        Assert.Contains("Enroll again", stopped.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
