using System.Text.Json;
using EnterpriseDistrib.Agent.Status;

namespace EnterpriseDistrib.Agent.Enrollment;

/// <summary>Reads and writes <see cref="AgentIdentity"/> as <c>identity.json</c> in the data folder (atomically).</summary>
public sealed class AgentIdentityFile(string dataFolder)
{
    public const string FileName = "identity.json";

    public string FilePath { get; } = Path.Combine(dataFolder, FileName);

    public Task SaveAsync(AgentIdentity identity, CancellationToken cancellationToken) =>
        AtomicFile.WriteJsonAsync(FilePath, identity, cancellationToken);

    /// <summary>The identity, or null when the agent never enrolled here; a damaged file is an error a person must see.</summary>
    public async Task<AgentIdentity?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(FilePath);
            return await JsonSerializer.DeserializeAsync<AgentIdentity>(stream, AtomicFile.JsonOptions, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{FilePath} is damaged ({exception.Message}); enroll again.", exception);
        }
    }
}
