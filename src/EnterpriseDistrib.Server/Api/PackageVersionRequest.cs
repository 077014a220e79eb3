using System.Text.Json;

namespace EnterpriseDistrib.Server.Api;

/// <summary>JSON body of version registration: the .torrent as base64 plus the install spec.</summary>
public sealed record PackageVersionRequest(string? Version, string? TorrentBase64, InstallSpecRequest? Install);

/// <summary>A version registration after decoding, whichever content type it came in.</summary>
internal sealed record DecodedVersionRequest(string? Version, ReadOnlyMemory<byte> TorrentBytes, InstallSpecRequest? Install);

/// <summary>
/// Reads a version registration from JSON (base64 torrent) or multipart/form-data: fields <c>version</c>,
/// <c>install</c> (the install spec as JSON) and the file <c>torrent</c>.
/// </summary>
internal static class PackageVersionRequestReader
{
    public static async Task<DecodedVersionRequest?> ReadAsync(HttpRequest http, JsonSerializerOptions json, Validation validation, CancellationToken cancellationToken)
    {
        try
        {
            return http.HasFormContentType
                ? await ReadFormAsync(http, json, validation, cancellationToken)
                : await ReadJsonAsync(http, json, validation, cancellationToken);
        }
        catch (JsonException exception)
        {
            validation.Add("body", $"The body is not valid JSON for this request: {exception.Message}");
            return null;
        }
        catch (InvalidDataException exception)
        {
            validation.Add("body", $"The multipart body could not be read: {exception.Message}");
            return null;
        }
    }

    private static async Task<DecodedVersionRequest?> ReadJsonAsync(HttpRequest http, JsonSerializerOptions json, Validation validation, CancellationToken cancellationToken)
    {
        if (!http.HasJsonContentType())
        {
            validation.Add("body", "Send application/json (torrentBase64) or multipart/form-data (a 'torrent' file field).");
            return null;
        }

        var body = await http.ReadFromJsonAsync<PackageVersionRequest>(json, cancellationToken);
        if (body is null)
        {
            validation.Add("body", "The body is empty.");
            return null;
        }

        if (string.IsNullOrWhiteSpace(body.TorrentBase64))
        {
            validation.Add("torrentBase64", "torrentBase64 is required: the .torrent file encoded as base64.");
            return null;
        }

        var bytes = new byte[body.TorrentBase64.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(body.TorrentBase64, bytes, out var written))
        {
            validation.Add("torrentBase64", "torrentBase64 is not valid base64.");
            return null;
        }

        return new DecodedVersionRequest(body.Version, bytes.AsMemory(0, written), body.Install);
    }

    private static async Task<DecodedVersionRequest?> ReadFormAsync(HttpRequest http, JsonSerializerOptions json, Validation validation, CancellationToken cancellationToken)
    {
        var form = await http.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("torrent");
        if (file is null || file.Length == 0)
        {
            validation.Add("torrent", "The form needs a non-empty file field named 'torrent'.");
            return null;
        }

        InstallSpecRequest? install = null;
        var installText = form["install"].ToString();
        if (string.IsNullOrWhiteSpace(installText))
        {
            validation.Add("install", "The form needs a field 'install' holding the install spec as JSON.");
        }
        else
        {
            install = JsonSerializer.Deserialize<InstallSpecRequest>(installText, json);
        }

        using var buffer = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
        await file.CopyToAsync(buffer, cancellationToken);
        return new DecodedVersionRequest(form["version"].ToString(), buffer.ToArray(), install);
    }
}
