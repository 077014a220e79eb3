using System.Text.Json;

namespace EnterpriseDistrib.Agent.Status;

/// <summary>The status file in the data folder: the running agent replaces it atomically, <c>status</c> reads it.</summary>
public sealed class AgentStatusFile(string dataFolder)
{
    public const string FileName = "status.json";

    public string FilePath { get; } = Path.Combine(dataFolder, FileName);

    public Task WriteAsync(AgentStatusSnapshot snapshot, CancellationToken cancellationToken) =>
        AtomicFile.WriteJsonAsync(FilePath, snapshot, cancellationToken);

    /// <summary>The last snapshot, or null when no agent has run here (a damaged file reads as none).</summary>
    public async Task<AgentStatusSnapshot?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(FilePath);
            return await JsonSerializer.DeserializeAsync<AgentStatusSnapshot>(stream, AtomicFile.JsonOptions, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }
}
