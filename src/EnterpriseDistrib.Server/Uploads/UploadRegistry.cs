using System.Text.Json;
using EnterpriseDistrib.Server.Origin;

namespace EnterpriseDistrib.Server.Uploads;

/// <summary>
/// Upload records kept in the origin's storage folder (shared by every silo): <c>uploads/{version}/{nonce}.json</c>,
/// replaced atomically when the offset moves. An upload's id is the version's id and the nonce, so any silo
/// finds the record from the URL alone.
/// </summary>
public sealed class UploadRegistry(OriginOptions options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _root = System.IO.Path.Combine(options.StoragePath, "uploads");

    /// <summary>A new id for an upload of <paramref name="versionId"/>.</summary>
    public static string NewId(Guid versionId) => $"{versionId:N}{Guid.NewGuid():N}";

    public async Task SaveAsync(UploadRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = PathOf(record.Id) ?? throw new ArgumentException($"'{record.Id}' is not an upload id.", nameof(record));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, JsonSerializer.SerializeToUtf8Bytes(record, Json), CancellationToken.None);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The record, or null for an unknown or malformed id.</summary>
    public async Task<UploadRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (PathOf(id) is not { } path)
        {
            return null;
        }

        return await ReadAsync(path, cancellationToken);
    }

    /// <summary>Every upload of a version.</summary>
    public async Task<IReadOnlyList<UploadRecord>> ListAsync(Guid versionId, CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.Combine(_root, versionId.ToString("N"));
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var records = new List<UploadRecord>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            if (await ReadAsync(file, cancellationToken) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    public void Delete(string id)
    {
        if (PathOf(id) is { } path && File.Exists(path))
        {
            File.Delete(path);
            File.Delete(System.IO.Path.ChangeExtension(path, ".lock"));
        }
    }

    /// <summary>
    /// Takes the upload's write lock (an exclusive lock on a file next to the record, so it holds across
    /// silos sharing the folder); null while another PATCH of the same upload runs.
    /// </summary>
    public IDisposable? TryLock(string id)
    {
        var path = PathOf(id) ?? throw new ArgumentException($"'{id}' is not an upload id.", nameof(id));
        try
        {
            return new FileStream(System.IO.Path.ChangeExtension(path, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task<UploadRecord?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return await JsonSerializer.DeserializeAsync<UploadRecord>(file, Json, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    private string? PathOf(string id)
    {
        if (id is not { Length: 64 } || !id.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        return System.IO.Path.Combine(_root, id[..32], id[32..] + ".json");
    }
}
