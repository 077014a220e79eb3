using System.Text.Json;

namespace EnterpriseDistrib.Server.Origin;

/// <summary>The last refusal of each version's content, kept beside the content (one small JSON file per version) for the status endpoint.</summary>
public sealed class ContentRefusals(OriginOptions options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _folder = Path.Combine(options.StoragePath, "refusals");

    public async Task SaveAsync(Guid versionId, ContentRefusal refusal, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_folder);
        var path = PathOf(versionId);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, JsonSerializer.SerializeToUtf8Bytes(refusal, Json), cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    public async Task<ContentRefusal?> LoadAsync(Guid versionId, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(PathOf(versionId));
            return await JsonSerializer.DeserializeAsync<ContentRefusal>(file, Json, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    public Task ForgetAsync(Guid versionId)
    {
        if (Directory.Exists(_folder))
        {
            File.Delete(PathOf(versionId));
        }

        return Task.CompletedTask;
    }

    private string PathOf(Guid versionId) => Path.Combine(_folder, $"{versionId:N}.json");
}
