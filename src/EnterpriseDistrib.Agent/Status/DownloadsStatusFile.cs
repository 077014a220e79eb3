using System.Text.Json;

namespace EnterpriseDistrib.Agent.Status;

/// <summary><c>downloads.json</c> in the data folder: the running agent's packages, replaced atomically, read by <c>status</c>.</summary>
public sealed class DownloadsStatusFile(string dataFolder)
{
    public const string FileName = "downloads.json";

    public string FilePath { get; } = Path.Combine(dataFolder, FileName);

    public Task WriteAsync(IReadOnlyList<DownloadStatus> downloads, CancellationToken cancellationToken) =>
        AtomicFile.WriteJsonAsync(FilePath, downloads, cancellationToken);

    public async Task<IReadOnlyList<DownloadStatus>> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(FilePath);
            return await JsonSerializer.DeserializeAsync<List<DownloadStatus>>(stream, AtomicFile.JsonOptions, cancellationToken) ?? [];
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return [];
        }
    }
}
