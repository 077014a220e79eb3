using System.Globalization;
using System.Net;
using System.Text;

namespace EnterpriseDistrib.Cli.Commands.Publish;

/// <summary>
/// Sends one file range to the server's tus endpoint: creates the upload (or continues a known one from the
/// offset HEAD reports) and PATCHes it in chunks; a broken connection or a 409 is retried from HEAD's offset.
/// </summary>
internal sealed class TusUploader(HttpClient http, long chunkBytes)
{
    private const int MaxAttempts = 6;

    /// <summary>Creates an upload of <paramref name="length"/> bytes of <paramref name="path"/> from <paramref name="fileOffset"/>; returns its URL.</summary>
    public async Task<string> CreateAsync(Guid versionId, string path, long fileOffset, long length, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/uploads", UriKind.Relative));
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        var metadata = $"versionId {B64(versionId.ToString())},path {B64(path)}" + (fileOffset > 0 ? $",offset {B64(fileOffset.ToString(CultureInfo.InvariantCulture))}" : "");
        request.Headers.Add("Upload-Metadata", metadata);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created || response.Headers.Location is null)
        {
            throw new PublishException($"The server refused to start the upload of '{path}': {await PublishApi.ProblemAsync(response, cancellationToken)}");
        }

        return response.Headers.Location.OriginalString;
    }

    /// <summary>The server's offset of an upload, or null when it no longer knows the upload.</summary>
    public async Task<long?> OffsetAsync(string location, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(location, UriKind.RelativeOrAbsolute));
        request.Headers.Add("Tus-Resumable", "1.0.0");
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode || !response.Headers.TryGetValues("Upload-Offset", out var values))
        {
            throw new PublishException($"The server did not say how much of {location} arrived: {(int)response.StatusCode}.");
        }

        return long.Parse(values.First(), CultureInfo.InvariantCulture);
    }

    /// <summary>Sends the rest of the upload from the server's offset, reading <paramref name="localPath"/> from <paramref name="fileOffset"/>.</summary>
    public async Task SendAsync(string location, string localPath, long fileOffset, long length, long offset, Action<long> progress, CancellationToken cancellationToken)
    {
        using var file = File.OpenHandle(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        var failures = 0;
        while (offset < length)
        {
            var chunk = Math.Min(chunkBytes, length - offset);
            long sentThisTry = 0;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(location, UriKind.RelativeOrAbsolute))
                {
                    Content = new FileRangeContent(file, fileOffset + offset, chunk, n =>
                    {
                        sentThisTry += n;
                        progress(n);
                    }),
                };
                request.Headers.Add("Tus-Resumable", "1.0.0");
                request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    offset += chunk;
                    failures = 0;
                    continue;
                }

                if (response.StatusCode is not (HttpStatusCode.Conflict or HttpStatusCode.BadRequest) || ++failures >= MaxAttempts)
                {
                    throw new PublishException($"The server refused a chunk of {location} at offset {offset}: {await PublishApi.ProblemAsync(response, cancellationToken)}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (++failures >= MaxAttempts)
                {
                    throw new PublishException($"The upload kept failing ({e.Message}). Run the same edist publish again: it continues where it stopped.", e);
                }

                // Back off a little, growing, before asking where the server got to.
                await Task.Delay(TimeSpan.FromMilliseconds(250 * (1 << failures)), cancellationToken);
            }

            // The server's offset is the truth: what arrived counts, the rest is sent again.
            progress(-sentThisTry);
            var server = await OffsetAsync(location, cancellationToken) ?? throw new PublishException($"The server forgot upload {location}; run edist publish again to start it anew.");
            progress(server - offset);
            offset = server;
        }
    }

    private static string B64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
