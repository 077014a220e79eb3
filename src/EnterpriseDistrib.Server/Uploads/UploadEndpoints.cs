using System.Buffers;
using System.Globalization;
using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Origin;
using EnterpriseDistrib.Torrent.Metainfo;
using Microsoft.AspNetCore.Http.Features;

namespace EnterpriseDistrib.Server.Uploads;

/// <summary>
/// <c>/api/v1/uploads</c>: tus 1.0 core + creation + termination, offset-addressed and idempotent, so a
/// 50 GB upload (the CLI's, later the portal's) continues where it stopped. Bodies stream to origin
/// storage through one pooled buffer: memory does not grow with the upload.
/// </summary>
public static class UploadEndpoints
{
    private const int CopyBufferSize = 1 << 20;

    public static RouteGroupBuilder MapUploadEndpoints(this RouteGroupBuilder group)
    {
        group.WithTags("Uploads").AddEndpointFilter(TusVersionFilter);
        group.MapMethods("/", [HttpMethods.Options], Options).RequireAuthorization(AuthPolicies.Publish).WithSummary("tus discovery: version, extensions, maximum size.");
        group.MapPost("/", Create).RequireAuthorization(AuthPolicies.Publish)
            .WithSummary("tus creation: starts an upload of one file (or a range of it) of a registered version; Upload-Metadata names them.");
        group.MapMethods("/{id}", [HttpMethods.Head], Head).RequireAuthorization(AuthPolicies.Publish).WithSummary("tus: how many bytes of the upload have arrived (Upload-Offset).");
        group.MapPatch("/{id}", Patch).RequireAuthorization(AuthPolicies.Publish)
            .WithSummary("tus: appends the body (application/offset+octet-stream) at Upload-Offset; 409 when the offset is not the server's.");
        group.MapDelete("/{id}", Terminate).RequireAuthorization(AuthPolicies.Publish).WithSummary("tus termination: forgets an upload.");
        return group;
    }

    private static async ValueTask<object?> TusVersionFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers[TusHeaders.Resumable] = TusHeaders.ProtocolVersion;
        if (!HttpMethods.IsOptions(http.Request.Method) && http.Request.Headers[TusHeaders.Resumable] != TusHeaders.ProtocolVersion)
        {
            // tus §"Tus-Resumable": an unsupported version is 412 with the versions we speak.
            http.Response.Headers[TusHeaders.Version] = TusHeaders.ProtocolVersion;
            return TypedResults.Problem(
                title: "Unsupported tus version",
                detail: $"Send the header {TusHeaders.Resumable}: {TusHeaders.ProtocolVersion}.",
                statusCode: StatusCodes.Status412PreconditionFailed);
        }

        return await next(context);
    }

    private static IResult Options(HttpResponse response, OriginOptions options)
    {
        response.Headers[TusHeaders.Version] = TusHeaders.ProtocolVersion;
        response.Headers[TusHeaders.Extension] = TusHeaders.Extensions;
        response.Headers[TusHeaders.MaxSize] = options.MaxUploadBytes.ToString(CultureInfo.InvariantCulture);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Create(
        HttpRequest request, HttpResponse response, PackageStore packages, PackageContentStore contents, UploadRegistry registry,
        IOriginStorage storage, UploadCompletion completion, OriginOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Headers.ContainsKey(TusHeaders.UploadDeferLength))
        {
            return BadRequest("Deferred length is not supported", "Send Upload-Length: the size of the file (or range) is known before uploading.");
        }

        if (ParseLong(request.Headers[TusHeaders.UploadLength]) is not { } length)
        {
            return BadRequest("Upload-Length is required", "Send Upload-Length with the number of bytes to upload (0 or more).");
        }

        if (length > options.MaxUploadBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Upload too large", $"An upload may be at most {options.MaxUploadBytes} bytes (Origin:MaxUploadBytes); this one is {length}.");
        }

        if (UploadMetadata.Parse(request.Headers[TusHeaders.UploadMetadata], out var error) is not { } metadata)
        {
            return BadRequest("Invalid Upload-Metadata", error!);
        }

        if (await packages.GetVersionAsync(metadata.VersionId, cancellationToken) is not { } version)
        {
            return Problem(StatusCodes.Status404NotFound, "Package version not found", $"No package version has id {metadata.VersionId}; register the version first (POST /api/v1/packages/{{id}}/versions).");
        }

        if (version.ContentState is PackageContentState.Available or PackageContentState.Verifying)
        {
            return Problem(StatusCodes.Status409Conflict, $"The content is {version.ContentState}", version.ContentState == PackageContentState.Available
                ? "Every piece of this version already verified at the origin; nothing to upload."
                : "Every byte arrived and the origin is verifying it; watch the version's content status.");
        }

        var metainfo = TorrentMetainfo.Parse(version.TorrentBytes);
        var file = metainfo.Layout.Files.FirstOrDefault(f => string.Join('/', f.Path) == metadata.Path);
        if (file is null)
        {
            var known = string.Join(", ", metainfo.Layout.Files.Take(5).Select(f => string.Join('/', f.Path)));
            return BadRequest("Unknown file", $"'{metadata.Path}' is not a file of this version; its files include: {known}.");
        }

        if (metadata.FileOffset + length > file.Length)
        {
            return BadRequest("Range outside the file", $"{length} bytes from offset {metadata.FileOffset} end past the end of '{metadata.Path}' ({file.Length} bytes).");
        }

        if (!await contents.MarkUploadingAsync(version.Id, cancellationToken))
        {
            return Problem(StatusCodes.Status409Conflict, "The content is not accepting uploads", "Another upload just completed the content; watch the version's content status.");
        }

        await (await storage.OpenWriterAsync(metainfo.InfoHash, file, cancellationToken)).DisposeAsync();
        var record = new UploadRecord(UploadRegistry.NewId(version.Id), version.Id, metainfo.InfoHash.ToHex(), metadata.Path, metadata.FileOffset, length, 0, time.GetUtcNow());
        await registry.SaveAsync(record, cancellationToken);
        if (record.IsComplete)
        {
            await completion.OnUploadCompletedAsync(version.Id, metainfo, cancellationToken);
        }

        response.Headers[TusHeaders.UploadOffset] = "0";
        return TypedResults.Created($"/api/v1/uploads/{record.Id}");
    }

    private static async Task<IResult> Head(string id, HttpResponse response, UploadRegistry registry, CancellationToken cancellationToken)
    {
        // tus §"HEAD": never cached, the offset moves.
        response.Headers.CacheControl = "no-store";
        if (await registry.GetAsync(id, cancellationToken) is not { } record)
        {
            return TypedResults.NotFound();
        }

        response.Headers[TusHeaders.UploadOffset] = record.Offset.ToString(CultureInfo.InvariantCulture);
        response.Headers[TusHeaders.UploadLength] = record.Length.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok();
    }

    private static async Task<IResult> Patch(
        string id, HttpContext http, UploadRegistry registry, IOriginStorage storage, PackageStore packages, UploadCompletion completion,
        OriginOptions options, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (!string.Equals(request.ContentType, TusHeaders.PatchContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Wrong content type", $"A PATCH body must be sent as Content-Type: {TusHeaders.PatchContentType}.");
        }

        if (ParseLong(request.Headers[TusHeaders.UploadOffset]) is not { } offset)
        {
            return BadRequest("Upload-Offset is required", "Send Upload-Offset: the offset the body starts at (ask HEAD for it).");
        }

        if (await registry.GetAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        using var writeLock = registry.TryLock(id);
        if (writeLock is null)
        {
            return Problem(StatusCodes.Status409Conflict, "Upload busy", "Another request is writing this upload; wait for it to end, ask HEAD for the offset and continue from there.");
        }

        // Read again under the lock: the offset may have moved while we waited.
        var record = await registry.GetAsync(id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers[TusHeaders.UploadOffset] = record.Offset.ToString(CultureInfo.InvariantCulture);
        if (offset != record.Offset)
        {
            return Problem(StatusCodes.Status409Conflict, "Offset mismatch", $"The upload is at offset {record.Offset}, not {offset}; continue from {record.Offset}.");
        }

        var remaining = record.Length - record.Offset;
        var limit = Math.Min(remaining, options.MaxChunkBytes);
        if (request.ContentLength is { } declared && declared > limit)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Chunk too large", declared > remaining
                ? $"{declared} bytes from offset {offset} would pass the upload's length {record.Length}."
                : $"One PATCH may carry at most {options.MaxChunkBytes} bytes (Origin:MaxChunkBytes); send the rest in further PATCHes.");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            // One more byte than allowed, so an over-long chunked body is seen and refused rather than cut.
            bodyLimit.MaxRequestBodySize = limit + 1;
        }

        if (await packages.GetVersionAsync(record.VersionId, cancellationToken) is not { } version)
        {
            return TypedResults.NotFound();
        }

        var metainfo = TorrentMetainfo.Parse(version.TorrentBytes);
        var file = metainfo.Layout.Files.First(f => string.Join('/', f.Path) == record.Path);
        var copy = await CopyBodyAsync(request.Body, storage, metainfo.InfoHash, file, record, limit, http.RequestAborted);
        record = record with { Offset = record.Offset + copy.Written };

        // Saved whatever happened to the body, so a client that lost its connection resumes after the bytes that arrived.
        await registry.SaveAsync(record, CancellationToken.None);
        http.Response.Headers[TusHeaders.UploadOffset] = record.Offset.ToString(CultureInfo.InvariantCulture);
        if (copy.TooLong)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Chunk too large",
                $"The body went past {limit} bytes (the upload's remaining length or Origin:MaxChunkBytes); the first {copy.Written} were kept.");
        }

        if (copy.Failure is not null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Body interrupted", $"The body ended early ({copy.Failure}); {copy.Written} bytes were kept: continue from offset {record.Offset}.");
        }

        if (record.IsComplete)
        {
            await completion.OnUploadCompletedAsync(record.VersionId, metainfo, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static async Task<BodyCopy> CopyBodyAsync(Stream body, IOriginStorage storage, InfoHash infoHash, FileEntry file, UploadRecord record, long limit, CancellationToken aborted)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        long written = 0;
        var filled = 0;
        await using var writer = await storage.OpenWriterAsync(infoHash, file, CancellationToken.None);

        // Writes what the buffer holds, never past the limit; true when the body brought more than allowed.
        async Task<bool> FlushAsync()
        {
            var allowed = (int)Math.Min(filled, limit - written);
            if (allowed > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, allowed), record.FileOffset + record.Offset + written, CancellationToken.None);
                written += allowed;
            }

            var tooLong = filled > allowed;
            filled = 0;
            return tooLong;
        }

        try
        {
            while (true)
            {
                // Fill the buffer before writing: one large write per MiB rather than one per network read.
                int read;
                do
                {
                    read = await body.ReadAsync(buffer.AsMemory(filled, buffer.Length - filled), aborted);
                    filled += read;
                }
                while (read > 0 && filled < buffer.Length);

                if (await FlushAsync())
                {
                    return new BodyCopy(written, TooLong: true, null);
                }

                if (read == 0)
                {
                    return new BodyCopy(written, TooLong: false, null);
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The bytes that did arrive are kept: the client resumes after them.
            var tooLong = await FlushAsync() || e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };
            return new BodyCopy(written, tooLong, e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<IResult> Terminate(string id, UploadRegistry registry, CancellationToken cancellationToken)
    {
        if (await registry.GetAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        using (var writeLock = registry.TryLock(id))
        {
            if (writeLock is null)
            {
                return Problem(StatusCodes.Status409Conflict, "Upload busy", "Another request is writing this upload; try again when it ends.");
            }
        }

        registry.Delete(id);
        return TypedResults.NoContent();
    }

    private static long? ParseLong(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static IResult BadRequest(string title, string detail) => Problem(StatusCodes.Status400BadRequest, title, detail);

    private static IResult Problem(int status, string title, string detail) => TypedResults.Problem(title: title, detail: detail, statusCode: status);

    private readonly record struct BodyCopy(long Written, bool TooLong, string? Failure);
}
