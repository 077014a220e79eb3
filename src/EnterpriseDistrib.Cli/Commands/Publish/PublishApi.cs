using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EnterpriseDistrib.Cli.Commands.Publish;

/// <summary>The server's REST calls publishing needs: packages, versions and the content status.</summary>
internal sealed class PublishApi(HttpClient http)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public HttpClient Http => http;

    /// <summary>The id of the package named <paramref name="name"/>, created when missing.</summary>
    public async Task<Guid> EnsurePackageAsync(string name, CancellationToken cancellationToken)
    {
        if (await FindPackageAsync(name, cancellationToken) is { } existing)
        {
            return existing;
        }

        using var response = await http.PostAsJsonAsync(new Uri("/api/v1/packages", UriKind.Relative), new { name }, Json, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict && await FindPackageAsync(name, cancellationToken) is { } raced)
        {
            return raced;
        }

        return (await ExpectAsync(response, HttpStatusCode.Created, "creating the package", cancellationToken)).GetProperty("id").GetGuid();
    }

    /// <summary>Registers the version, or finds it when this exact content is already registered under the package.</summary>
    public async Task<Guid> EnsureVersionAsync(Guid packageId, string label, string infoHash, ReadOnlyMemory<byte> torrent, object install, CancellationToken cancellationToken)
    {
        var body = new { version = label, torrentBase64 = Convert.ToBase64String(torrent.Span), install };
        using var response = await http.PostAsJsonAsync(new Uri($"/api/v1/packages/{packageId}/versions", UriKind.Relative), body, Json, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var package = await GetJsonAsync($"/api/v1/packages/{packageId}", "reading the package", cancellationToken);
            foreach (var version in package.GetProperty("versions").EnumerateArray())
            {
                if (string.Equals(version.GetProperty("infoHash").GetString(), infoHash, StringComparison.OrdinalIgnoreCase))
                {
                    return version.GetProperty("id").GetGuid();
                }
            }

            throw new PublishException(
                $"The server refused version '{label}': {await ProblemAsync(response, cancellationToken)} This content is not registered under this package with that label: choose another --version, or publish it under the package that holds it.");
        }

        return (await ExpectAsync(response, HttpStatusCode.Created, "registering the version", cancellationToken)).GetProperty("id").GetGuid();
    }

    public async Task<ContentStatus> GetContentAsync(Guid packageId, Guid versionId, CancellationToken cancellationToken) =>
        (await GetJsonAsync($"/api/v1/packages/{packageId}/versions/{versionId}/content", "reading the content status", cancellationToken)).Deserialize<ContentStatus>(Json)
        ?? throw new PublishException("The server's content status was empty.");

    internal static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            var title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
            var errors = problem.TryGetProperty("errors", out var e) ? " " + e.GetRawText() : "";
            return $"{(int)response.StatusCode} {title}. {detail}{errors}".Trim();
        }
        catch (JsonException)
        {
            return $"{(int)response.StatusCode} {response.ReasonPhrase}. {text}".Trim();
        }
    }

    private async Task<Guid?> FindPackageAsync(string name, CancellationToken cancellationToken)
    {
        var packages = await GetJsonAsync("/api/v1/packages", "listing packages", cancellationToken);
        foreach (var package in packages.EnumerateArray())
        {
            if (string.Equals(package.GetProperty("name").GetString(), name, StringComparison.Ordinal))
            {
                return package.GetProperty("id").GetGuid();
            }
        }

        return null;
    }

    private async Task<JsonElement> GetJsonAsync(string path, string what, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return await ExpectAsync(response, HttpStatusCode.OK, what, cancellationToken);
    }

    private static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode == expected)
        {
            return await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
        }

        var hint = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => " The token was refused: pass a valid --token.",
            HttpStatusCode.Forbidden => " The token lacks the Publisher or Admin role.",
            _ => "",
        };
        throw new PublishException($"The server refused {what}: {await ProblemAsync(response, cancellationToken)}{hint}");
    }
}

/// <summary>A version's content at the origin, as the server reports it.</summary>
internal sealed record ContentStatus(string State, string? Problem, IReadOnlyList<UploadStatus> Uploads, IReadOnlyList<int> BadPieces, IReadOnlyList<ResendRange> Resend);

internal sealed record UploadStatus(string Location, string Path, long FileOffset, long Length, long Offset);

internal sealed record ResendRange(string Path, long Offset, long Length);

/// <summary>A publishing failure whose message says what to do next.</summary>
internal sealed class PublishException : InvalidOperationException
{
    public PublishException(string message)
        : base(message)
    {
    }

    public PublishException()
    {
    }

    public PublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
