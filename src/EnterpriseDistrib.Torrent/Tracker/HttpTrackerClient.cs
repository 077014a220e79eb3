using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Net;

namespace EnterpriseDistrib.Torrent.Tracker;

/// <summary>
/// Sends BEP 3 announces and BEP 48 scrapes to HTTP trackers. Every outcome is an answer or a
/// <see cref="TrackerException"/>: failure reason, protocol error, or unreachable. Create the
/// <see cref="HttpClient"/> with <see cref="BoundHttpClientFactory"/> to announce from the engine's address.
/// </summary>
public sealed class HttpTrackerClient(HttpClient http, TrackerClientOptions? options = null)
{
    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));
    private readonly TrackerClientOptions _options = options ?? TrackerClientOptions.Default;

    public async Task<AnnounceResponse> AnnounceAsync(Uri announceUrl, AnnounceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(announceUrl);
        var body = await GetAsync(announceUrl, TrackerUrls.BuildAnnounceUri(announceUrl, request), cancellationToken).ConfigureAwait(false);
        return TrackerResponseParser.ParseAnnounce(body, announceUrl);
    }

    /// <summary>Scrapes the torrents at the scrape URL derived from <paramref name="announceUrl"/> (BEP 48).</summary>
    public async Task<ScrapeResponse> ScrapeAsync(Uri announceUrl, IReadOnlyCollection<InfoHash> infoHashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(announceUrl);
        if (!TrackerUrls.TryGetScrapeUri(announceUrl, out var scrapeUrl))
        {
            throw new NotSupportedException($"Tracker {announceUrl} has no scrape URL by the BEP 48 convention.");
        }

        var body = await GetAsync(announceUrl, TrackerUrls.BuildScrapeUri(scrapeUrl!, infoHashes), cancellationToken).ConfigureAwait(false);
        return TrackerResponseParser.ParseScrape(body, announceUrl);
    }

    private async Task<byte[]> GetAsync(Uri trackerUrl, Uri requestUrl, CancellationToken cancellationToken)
    {
        try
        {
            return await GetOnceAsync(trackerUrl, requestUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (TrackerUnreachableException ex) when (IsStaleConnection(ex.InnerException))
        {
            // Trackers such as opentracker answer HTTP/1.1 without "Connection: close" and then close; HttpClient may
            // send the next request on that connection before the FIN arrives (it reuses it despite our
            // "Connection: close"). A reset before any answer is that race, not the tracker: try once more at once.
            return await GetOnceAsync(trackerUrl, requestUrl, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsStaleConnection(Exception? error) =>
        error is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded }
        || error?.GetBaseException() is System.Net.Sockets.SocketException
        {
            SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset or System.Net.Sockets.SocketError.ConnectionAborted,
        };

    private async Task<byte[]> GetOnceAsync(Uri trackerUrl, Uri requestUrl, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            // Announces are minutes apart: no reason to keep connections open on either side.
            using var request = new HttpRequestMessage(HttpMethod.Get, requestUrl) { Headers = { ConnectionClose = true } };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new TrackerUnreachableException(trackerUrl, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            return await BoundedBodyReader.ReadAsync(response.Content, _options.MaxResponseBytes, timeout.Token).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new TrackerProtocolException(trackerUrl, ex.Message, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TrackerUnreachableException(trackerUrl, $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s", ex);
        }
        catch (HttpRequestException ex)
        {
            var cause = ex.GetBaseException();
            throw new TrackerUnreachableException(trackerUrl, cause == ex ? ex.Message : $"{ex.Message} ({cause.Message})", ex);
        }
        catch (IOException ex)
        {
            throw new TrackerUnreachableException(trackerUrl, ex.Message, ex);
        }
    }
}
