using System.Text.Json;
using EnterpriseDistrib.Agent.ServerApi;

namespace EnterpriseDistrib.Agent.Status;

/// <summary>Small JSON files that a reader sees whole or not at all: written to a temporary name, flushed, renamed.</summary>
public static class AtomicFile
{
    public static JsonSerializerOptions JsonOptions => AgentApiJson.Options;

    public static async Task WriteJsonAsync<T>(string path, T value, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);

        // A unique temporary name: two writers never share one half-written file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(stream, value, JsonOptions, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
