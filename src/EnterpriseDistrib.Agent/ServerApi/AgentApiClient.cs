using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EnterpriseDistrib.Agent.Configuration;
using EnterpriseDistrib.Torrent.Net;
using Microsoft.Extensions.Logging;

namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>
/// Typed calls to the server's agent protocol (<c>/api/v1/agent</c>). Every connection leaves from the agent's
/// bind address; a call that meets a network error, a timeout or a 5xx tries the next server URL, and after a
/// full round waits with exponential back-off before the next round. The credential travels only in the
/// Authorization header and is never logged.
/// </summary>
public sealed partial class AgentApiClient : IDisposable
{
    /// <summary>Largest answer accepted, .torrent included (a 50 GB package in 1 MiB pieces is ~1 MB of hashes).</summary>
    public const int MaxAnswerBytes = 16 * 1024 * 1024;

    private const string Base = "api/v1/agent/";

    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _servers;
    private readonly string? _credential;
    private readonly int _attempts;
    private readonly ExponentialBackoff _backoff;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _preferred;

    public AgentApiClient(AgentSettings settings, string? credential, TimeProvider time, ILogger<AgentApiClient> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ServerUrls.Count == 0)
        {
            throw new AgentConfigurationException(["No server URL is configured (Agent:ServerUrls, or enroll with --server)."]);
        }

        _servers = [.. settings.ServerUrls.Select(u => u.AbsoluteUri.EndsWith('/') ? u : new Uri(u.AbsoluteUri + "/"))];
        _credential = credential;
        _attempts = settings.RequestAttempts;
        _backoff = new ExponentialBackoff(settings.BackoffInitial, settings.BackoffMax, settings.Jitter);
        _time = time;
        _logger = logger;
        _http = BoundHttpClientFactory.CreateClient(settings.BindAddress, settings.RequestTimeout);

        // Answers are buffered against this bound, so a lying server cannot make the agent allocate without limit.
        _http.MaxResponseContentBufferSize = MaxAnswerBytes;
    }

    /// <summary>The server URL the last successful call went to (calls start there).</summary>
    public Uri CurrentServer => _servers[Volatile.Read(ref _preferred)];

    /// <summary>Trades an enrollment token for this agent's credential.</summary>
    public async Task<EnrollResponse> EnrollAsync(EnrollRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(() => Json(HttpMethod.Post, "enroll", request), authenticated: false, cancellationToken);
            return await ReadAsync<EnrollResponse>(response, cancellationToken);
        }
        catch (ServerRejectedException rejected) when (rejected.StatusCode is 401 or 403)
        {
            throw new EnrollmentRefusedException(rejected.StatusCode, rejected.Title, rejected.Detail);
        }
        catch (AgentNotAuthorizedException)
        {
            throw new EnrollmentRefusedException(401, "Unknown enrollment token", "No enrollment token matches; check that the whole secret was copied.");
        }
    }

    /// <summary>Tells the server the agent is alive; the answer says where it is placed and when to call again.</summary>
    public async Task<HeartbeatResponse> HeartbeatAsync(HeartbeatRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => Json(HttpMethod.Post, "heartbeat", request), authenticated: true, cancellationToken);
        return await ReadAsync<HeartbeatResponse>(response, cancellationToken);
    }

    /// <summary>The rollouts this agent must carry out now.</summary>
    public async Task<IReadOnlyList<Assignment>> GetAssignmentsAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "assignments"), authenticated: true, cancellationToken);
        return await ReadAsync<List<Assignment>>(response, cancellationToken);
    }

    /// <summary>The .torrent of a package version (at most <see cref="MaxAnswerBytes"/>).</summary>
    public async Task<byte[]> DownloadTorrentAsync(Guid packageVersionId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"torrents/{packageVersionId:D}"), authenticated: true, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>Stores a batch of status reports; when this returns, every report of the batch is stored.</summary>
    public async Task<StatusReportsResponse> SendStatusAsync(StatusReportsRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => Json(HttpMethod.Post, "status", request), authenticated: true, cancellationToken);
        return await ReadAsync<StatusReportsResponse>(response, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Json<T>(HttpMethod method, string path, T body) =>
        new(method, path) { Content = JsonContent.Create(body, options: AgentApiJson.Options) };

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, bool authenticated, CancellationToken cancellationToken)
    {
        Exception? last = null;
        for (var round = 1; ; round++)
        {
            var start = Volatile.Read(ref _preferred);
            for (var i = 0; i < _servers.Count; i++)
            {
                var index = (start + i) % _servers.Count;
                using var request = create();
                request.RequestUri = new Uri(_servers[index], Base + request.RequestUri!.OriginalString);
                if (authenticated)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _credential ?? throw new AgentNotAuthorizedException("this agent is not enrolled"));
                }

                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    LogUnreachable(_logger, _servers[index], exception.Message);
                    last = exception;
                    continue;
                }

                if (response.IsSuccessStatusCode)
                {
                    Volatile.Write(ref _preferred, index);
                    return response;
                }

                using (response)
                {
                    var status = (int)response.StatusCode;
                    if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
                    {
                        LogServerError(_logger, _servers[index], status);
                        last = new HttpRequestException($"{_servers[index]} answered {status}.", null, response.StatusCode);
                        continue;
                    }

                    var problem = await ReadProblemAsync(response, cancellationToken);
                    if (status == 401 && authenticated)
                    {
                        throw new AgentNotAuthorizedException(problem.Detail ?? problem.Title ?? "401 Unauthorized");
                    }

                    throw new ServerRejectedException(status, problem.Title ?? response.ReasonPhrase ?? "Rejected", problem.Detail ?? "", problem.Errors ?? new Dictionary<string, string[]>());
                }
            }

            if (round >= _attempts)
            {
                throw new ServerUnavailableException(
                    $"No server answered ({string.Join(", ", _servers)}) after {round} round(s): {last?.Message}", last);
            }

            await Task.Delay(_backoff.Delay(round, Random.Shared.NextDouble()), _time, cancellationToken);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(AgentApiJson.Options, cancellationToken)
                ?? throw new JsonException("The body was null.");
        }
        catch (JsonException exception)
        {
            throw new ServerRejectedException((int)response.StatusCode, "Unreadable answer", $"The server's answer is not the expected JSON: {exception.Message}", new Dictionary<string, string[]>());
        }
    }

    // Problem details are advisory: an unreadable body still yields the status code.
    private static async Task<ProblemBody> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            if (response.Content.Headers.ContentLength is null or < 65536)
            {
                return await response.Content.ReadFromJsonAsync<ProblemBody>(AgentApiJson.Options, cancellationToken) ?? new ProblemBody(null, null, null);
            }
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or HttpRequestException)
        {
            // Not problem JSON; fall through.
        }

        return new ProblemBody(null, null, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Server {Server} could not be reached: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, Uri server, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Server {Server} answered {StatusCode}; trying the next one")]
    private static partial void LogServerError(ILogger logger, Uri server, int statusCode);

    private sealed record ProblemBody(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
