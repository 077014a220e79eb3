using System.Text;

namespace EnterpriseDistrib.Server.Uploads;

/// <summary>
/// What an upload is of, from its <c>Upload-Metadata</c> header (tus §"Upload-Metadata": comma-separated
/// <c>key base64(value)</c> pairs): <c>versionId</c> (the registered version), <c>path</c> (the file's
/// path in the torrent, <c>name/dir/file</c>) and optionally <c>offset</c> (a range of the file, to send
/// again what verification refused).
/// </summary>
internal sealed record UploadMetadata(Guid VersionId, string Path, long FileOffset)
{
    private const int MaxHeaderLength = 8192;

    /// <summary>Parses the header; null with <paramref name="error"/> saying what is wrong.</summary>
    public static UploadMetadata? Parse(string? header, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            error = "Upload-Metadata is required: 'versionId <base64>,path <base64>' naming the registered version and the file within it.";
            return null;
        }

        if (header.Length > MaxHeaderLength)
        {
            error = $"Upload-Metadata is longer than {MaxHeaderLength} characters.";
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var space = pair.IndexOf(' ', StringComparison.Ordinal);
            var key = space < 0 ? pair : pair[..space];
            var encoded = space < 0 ? "" : pair[(space + 1)..].Trim();
            try
            {
                if (!values.TryAdd(key, Encoding.UTF8.GetString(Convert.FromBase64String(encoded))))
                {
                    error = $"Upload-Metadata has the key '{key}' twice.";
                    return null;
                }
            }
            catch (FormatException)
            {
                error = $"Upload-Metadata value of '{key}' is not base64.";
                return null;
            }
        }

        if (!values.TryGetValue("versionId", out var versionText) || !Guid.TryParse(versionText, out var versionId))
        {
            error = "Upload-Metadata needs 'versionId': the id of the registered package version (a GUID), base64-encoded.";
            return null;
        }

        if (!values.TryGetValue("path", out var path) || string.IsNullOrWhiteSpace(path))
        {
            error = "Upload-Metadata needs 'path': the file's path in the torrent (name/dir/file), base64-encoded.";
            return null;
        }

        long offset = 0;
        if (values.TryGetValue("offset", out var offsetText) && (!long.TryParse(offsetText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out offset)))
        {
            error = "Upload-Metadata 'offset' must be a non-negative whole number of bytes.";
            return null;
        }

        return new UploadMetadata(versionId, path, offset);
    }
}
