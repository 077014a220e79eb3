using System.Text.Json;
using EnterpriseDistrib.Agent.Status;

namespace EnterpriseDistrib.Agent.Rollouts;

/// <summary>
/// One small file per rollout in <c>rollouts/</c> of the data folder, replaced atomically at every stage change, so
/// a restart knows what was finished (never redone, never re-reported) and what was cut off (an install in progress).
/// </summary>
public sealed class RolloutJournal(string folder)
{
    public async Task<RolloutRecord?> LoadAsync(Guid rolloutId, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(PathOf(rolloutId));
            return await JsonSerializer.DeserializeAsync<RolloutRecord>(stream, AtomicFile.JsonOptions, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    public Task SaveAsync(RolloutRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return AtomicFile.WriteJsonAsync(PathOf(record.RolloutId), record, cancellationToken);
    }

    private string PathOf(Guid rolloutId) => Path.Combine(folder, rolloutId.ToString("N") + ".json");
}
