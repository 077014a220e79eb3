using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using EnterpriseDistrib.Torrent.Throttling;

namespace EnterpriseDistrib.Torrent.WebSeeds;

/// <summary>
/// One HTTP range request for bytes of one file, read straight into the caller's memory: 206 with a matching
/// Content-Range, or a 200 with the whole file when the skip before our range is small. Anything else is refused.
/// </summary>
internal sealed class FileRangeRequest(HttpClient http, WebSeedOptions options, IByteRateLimiter? limiter, Action<int> onReceived)
{
    private const int SkipBufferSize = 64 * 1024;

    /// <summary>Fills <paramref name="destination"/> with the file's bytes from <paramref name="fileOffset"/>.</summary>
    public async Task ReadAsync(Uri fileUrl, long fileLength, long fileOffset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        var last = fileOffset + destination.Length - 1;
        using var request = new HttpRequestMessage(HttpMethod.Get, fileUrl);
        request.Headers.Range = new RangeHeaderValue(fileOffset, last);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var skip = CheckResponse(response, fileUrl, fileLength, fileOffset, last);
            var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                await SkipAsync(body, skip, fileUrl, timeout.Token).ConfigureAwait(false);
                await FillAsync(body, destination, fileUrl, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebSeedException(fileUrl, $"no complete answer within {options.RequestTimeout.TotalSeconds:0.#} s", isTransient: true, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new WebSeedException(fileUrl, ex.Message, isTransient: true, ex);
        }
    }

    // Returns how many bytes precede our range in the body (0 for a proper 206).
    private long CheckResponse(HttpResponseMessage response, Uri fileUrl, long fileLength, long first, long last)
    {
        var declared = response.Content.Headers.ContentLength;
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent:
                var range = response.Content.Headers.ContentRange;
                if (range is not { HasRange: true, Unit: "bytes" } || range.From != first || range.To != last)
                {
                    throw new WebSeedException(fileUrl, $"asked for bytes {first}-{last}, got Content-Range '{range}'", isTransient: false);
                }

                if (range.HasLength && range.Length != fileLength)
                {
                    throw new WebSeedException(fileUrl, $"the file is {range.Length} bytes there, {fileLength} in the torrent", isTransient: false);
                }

                if (declared is { } length && length != last - first + 1)
                {
                    throw new WebSeedException(fileUrl, $"a {last - first + 1}-byte range came with Content-Length {length}", isTransient: false);
                }

                return 0;
            case HttpStatusCode.OK:
                // BEP 19 servers may ignore Range; the whole file then follows and our range starts `first` bytes in.
                if (declared is { } whole && whole != fileLength)
                {
                    throw new WebSeedException(fileUrl, $"the file is {whole} bytes there, {fileLength} in the torrent", isTransient: false);
                }

                if (first > options.MaxSkippedBytes)
                {
                    throw new WebSeedException(fileUrl, $"the server ignores Range; reading {first} bytes to reach ours is more than the {options.MaxSkippedBytes} allowed", isTransient: false);
                }

                return first;
            default:
                var status = (int)response.StatusCode;
                throw new WebSeedException(fileUrl, $"HTTP {status} {response.ReasonPhrase}", isTransient: status >= 500 || status == 408 || status == 429);
        }
    }

    private async Task SkipAsync(Stream body, long count, Uri fileUrl, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return;
        }

        var scratch = ArrayPool<byte>.Shared.Rent(SkipBufferSize);
        try
        {
            while (count > 0)
            {
                var read = await body.ReadAsync(scratch.AsMemory(0, (int)Math.Min(scratch.Length, count)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new WebSeedException(fileUrl, "the body ended before our range", isTransient: true);
                }

                await ReceivedAsync(read, cancellationToken).ConfigureAwait(false);
                count -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private async Task FillAsync(Stream body, Memory<byte> destination, Uri fileUrl, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < destination.Length)
        {
            int read;
            try
            {
                read = await body.ReadAsync(destination[filled..], cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new WebSeedException(fileUrl, $"the body ended after {filled} of {destination.Length} bytes ({ex.Message})", isTransient: true, ex);
            }

            if (read == 0)
            {
                throw new WebSeedException(fileUrl, $"the body ended after {filled} of {destination.Length} bytes", isTransient: true);
            }

            await ReceivedAsync(read, cancellationToken).ConfigureAwait(false);
            filled += read;
        }
    }

    private async ValueTask ReceivedAsync(int bytes, CancellationToken cancellationToken)
    {
        onReceived(bytes);
        if (limiter is not null)
        {
            await limiter.WaitAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
