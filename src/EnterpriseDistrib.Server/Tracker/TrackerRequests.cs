namespace EnterpriseDistrib.Server.Tracker;

/// <summary>
/// Answers <c>GET /announce/{passkey}</c> and <c>GET /scrape/{passkey}</c> at the head of the pipeline. Announces are
/// the server's most frequent request by far (every agent, every few minutes) and need none of what follows: they are
/// authenticated by their passkey, not by a bearer token, and always answer in bencode, never with a problem page.
/// </summary>
internal sealed partial class TrackerRequests(RequestDelegate next, ILogger<TrackerRequests> logger)
{
    private const string AnnouncePrefix = "/announce/";
    private const string ScrapePrefix = "/scrape/";

    public Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) || http.Request.Path.Value is not { } path)
        {
            return next(http);
        }

        if (Passkey(path, AnnouncePrefix) is { } announcer)
        {
            return AnswerAsync(http, services => AnnounceEndpoint.HandleAsync(
                http, announcer, services.GetRequiredService<PasskeyCodec>(), services.GetRequiredService<TrackerDirectory>(),
                services.GetRequiredService<TrackerOptions>(), services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<TimeProvider>()));
        }

        return Passkey(path, ScrapePrefix) is { } scraper
            ? AnswerAsync(http, services => ScrapeEndpoint.HandleAsync(
                http, scraper, services.GetRequiredService<PasskeyCodec>(), services.GetRequiredService<TrackerDirectory>(),
                services.GetRequiredService<TrackerOptions>(), services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<TimeProvider>()))
            : next(http);
    }

    private static string? Passkey(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length && path.IndexOf('/', prefix.Length) < 0
            ? path[prefix.Length..]
            : null;

    // The tracker's services are resolved per request (all singletons): a missing passkey key then fails announces with a
    // clear error instead of the whole server. The exception handler further down is not in front of this middleware:
    // a failure still gets a bencoded answer.
    private async Task AnswerAsync(HttpContext http, Func<IServiceProvider, Task> answer)
    {
        try
        {
            await answer(http.RequestServices);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !http.Response.HasStarted)
        {
            LogFailed(logger, http.Request.Path.Value, exception);
            await AnnounceEndpoint.RefuseAsync(http, "the tracker could not answer right now; try again at the next interval");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Tracker request {Path} failed")]
    private static partial void LogFailed(ILogger logger, string? path, Exception exception);
}
