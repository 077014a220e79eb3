using EnterpriseDistrib.Torrent.Metainfo;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EnterpriseDistrib.Server.Origin;

/// <summary>
/// <c>GET /content/{passkey}/{infohash}/{path}</c>: the origin as a BEP 19 web seed. The base URL handed
/// to agents is <c>/content/{passkey}/{infohash}/</c>; a client appends the torrent's name, and for a
/// multi-file torrent <c>name/dir/file</c>. Range requests answer 206.
/// </summary>
public static class WebSeedEndpoints
{
    public static IEndpointRouteBuilder MapWebSeed(this IEndpointRouteBuilder endpoints)
    {
        // Agents authenticate with the passkey in the path, not a bearer token.
        endpoints.MapMethods("/content/{passkey}/{infoHash}/{**path}", [HttpMethods.Get, HttpMethods.Head], Serve)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Serve(
        string passkey, string infoHash, string? path, IWebSeedAuthorizer authorizer, OriginSeeder seeder, IOriginStorage storage, CancellationToken cancellationToken)
    {
        if (ParseInfoHash(infoHash) is not { } hash)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown content", "The info-hash in the URL is not 40 hexadecimal characters.");
        }

        if (!await authorizer.MayFetchAsync(passkey, hash, cancellationToken))
        {
            return Problem(StatusCodes.Status403Forbidden, "Not allowed", "This passkey may not fetch this package: the agent is unknown, revoked or not assigned it.");
        }

        if (!seeder.TryGetSeeded(hash, out var metainfo))
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown content", $"The origin does not serve {hash}: no Available version has this info-hash.");
        }

        var file = metainfo.Layout.Files.FirstOrDefault(f => string.Join('/', f.Path) == path);
        if (file is null || storage.OpenRead(hash, file) is not { } stream)
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown file", $"'{path}' is not a file of {metainfo.Name}.");
        }

        return TypedResults.Stream(stream, "application/octet-stream", enableRangeProcessing: true);
    }

    internal static InfoHash? ParseInfoHash(string text)
    {
        try
        {
            return InfoHash.ParseHex(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
