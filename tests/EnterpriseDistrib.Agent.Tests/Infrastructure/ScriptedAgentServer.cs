using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EnterpriseDistrib.Agent.Tests.Infrastructure;

/// <summary>
/// A Kestrel server on loopback speaking the server's agent protocol as written in
/// src/EnterpriseDistrib.Server/Api/AgentProtocolEndpoints.cs and AgentProtocolContracts.cs (routes, camelCase JSON,
/// enums by name, 401/403 problem details, per-(agent, rollout) sequence dedupe), with switches for outages.
/// </summary>
internal sealed class ScriptedAgentServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedAgentServer(WebApplication app, ScriptedServerState state, IPAddress address, int port)
    {
        _app = app;
        State = state;
        Url = new Uri($"http://{address}:{port}/");
        Port = port;
    }

    public ScriptedServerState State { get; }

    public Uri Url { get; }

    public int Port { get; }

    public static async Task<ScriptedAgentServer> StartAsync(ScriptedServerState? state = null, IPAddress? address = null, int port = 0)
    {
        state ??= new ScriptedServerState();
        address ??= IPAddress.Loopback;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port));
        var app = builder.Build();
        Map(app, state);
        await app.StartAsync();
        var bound = new Uri(app.Urls.First()).Port;
        return new ScriptedAgentServer(app, state, address, bound);
    }

    /// <summary>A port on 127.0.0.1 with nothing listening (bound then released).</summary>
    public static int DeadPort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void Map(WebApplication app, ScriptedServerState state)
    {
        app.Use(async (context, next) =>
        {
            state.Requests.Enqueue((context.Request.Path, context.Connection.RemoteIpAddress!.MapToIPv4().ToString(), context.Request.Headers.Authorization));
            await next(context);
        });
        app.MapPost("/api/v1/agent/enroll", async context =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            var token = (string?)body?["enrollmentToken"];
            var hostname = (string?)body?["hostname"];
            if (token is null || !token.StartsWith("eden_", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(hostname))
            {
                await Problem(context, 400, "One or more validation errors occurred.", "enrollmentToken must be the secret an admin created.");
                return;
            }

            if (!state.EnrollmentTokens.TryGetValue(token, out var expired))
            {
                await Problem(context, 401, "Unknown enrollment token", "No enrollment token matches; check that the whole secret was copied.");
                return;
            }

            if (expired)
            {
                await Problem(context, 403, "Enrollment token expired", "This enrollment token has expired; ask an admin for a new one.");
                return;
            }

            var agentId = Guid.NewGuid();
            var credential = "edag_" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            state.Credentials[credential] = agentId;
            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["agentId"] = agentId,
                ["credential"] = credential,
                ["siteId"] = state.SiteId,
                ["siteReason"] = "Address in 127.0.0.0/8 (scripted)",
            });
        });
        app.MapPost("/api/v1/agent/heartbeat", async context =>
        {
            if (await Authenticate(context, state) is not { } agentId)
            {
                return;
            }

            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["agentId"] = agentId,
                ["siteId"] = state.SiteId,
                ["siteReason"] = "scripted",
                ["nextHeartbeatSeconds"] = state.HeartbeatSeconds,
            });
        });
        app.MapGet("/api/v1/agent/assignments", async context =>
        {
            if (await Authenticate(context, state) is null)
            {
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("[" + string.Join(",", state.Assignments) + "]");
        });
        app.MapGet("/api/v1/agent/torrents/{versionId:guid}", async context =>
        {
            if (await Authenticate(context, state) is null)
            {
                return;
            }

            context.Response.ContentType = "application/x-bittorrent";
            var torrent = state.Torrents.TryGetValue(Guid.Parse((string)context.Request.RouteValues["versionId"]!), out var stored) ? stored : "d4:infod6:lengthi1e4:name1:xee"u8.ToArray();
            await context.Response.Body.WriteAsync(torrent);
        });
        app.MapPost("/api/v1/agent/status", async context =>
        {
            if (await Authenticate(context, state) is not { } agentId)
            {
                return;
            }

            var body = await JsonNode.ParseAsync(context.Request.Body);
            if (body?["reports"] is not JsonArray { Count: > 0 and <= 500 } reports)
            {
                await Problem(context, 400, "One or more validation errors occurred.", "reports is required.");
                return;
            }

            if (reports.Any(r => (long?)r?["sequence"] is not > 0 || (string?)r?["state"] is null || !Guid.TryParse((string?)r?["rolloutId"], out _)))
            {
                await Problem(context, 400, "One or more validation errors occurred.", "every report needs rolloutId, a positive sequence and a state.");
                return;
            }

            if (state.StatusUnavailable || Interlocked.Decrement(ref state.StatusFailuresLeft) >= 0)
            {
                await Problem(context, 503, "Status not stored", "The reports could not be written right now and were not acknowledged; keep them and send them again shortly.");
                return;
            }

            foreach (var report in reports)
            {
                state.Reports.Enqueue(report!.DeepClone());
            }

            var applied = reports.Count(r => state.Apply(agentId, Guid.Parse((string)r!["rolloutId"]!), (long)r!["sequence"]!, (string)r!["state"]!));
            if (Interlocked.Decrement(ref state.StatusAnswersToDrop) >= 0)
            {
                // Stored, but the agent never hears so: it must resend, and the resend must change nothing.
                context.Abort();
                return;
            }

            await context.Response.WriteAsJsonAsync(new JsonObject { ["received"] = reports.Count, ["batchSize"] = reports.Count, ["batchApplied"] = applied });
        });
    }

    private static async Task<Guid?> Authenticate(HttpContext context, ScriptedServerState state)
    {
        string? header = context.Request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.Ordinal) &&
            state.Credentials.TryGetValue(header["Bearer ".Length..], out var agentId) && !state.Revoked.Contains(agentId))
        {
            return agentId;
        }

        context.Response.StatusCode = 401;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"edist-agent\"";
        await Task.CompletedTask;
        return null;
    }

    private static Task Problem(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { type = "about:blank", title, status, detail }));
    }
}
