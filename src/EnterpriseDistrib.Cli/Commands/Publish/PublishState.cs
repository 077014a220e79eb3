using System.Text.Json;
using EnterpriseDistrib.Cli.Terminal;

namespace EnterpriseDistrib.Cli.Commands.Publish;

/// <summary>
/// What an interrupted <c>edist publish</c> needs to continue: the upload URL of each file range, kept in
/// <c>~/.cache/edist/publish/{infohash}.json</c> (or under $XDG_CACHE_HOME) and removed once the version is Available.
/// </summary>
internal sealed class PublishState
{
    private readonly string _path;

    private PublishState(string path, Dictionary<string, string> uploads)
    {
        _path = path;
        Uploads = uploads;
    }

    /// <summary>Upload URL by range key (<see cref="KeyOf"/>).</summary>
    public Dictionary<string, string> Uploads { get; }

    public static string KeyOf(string server, string path, long offset, long length) => $"{server.TrimEnd('/')}|{path}|{offset}|{length}";

    public static async Task<PublishState> LoadAsync(string infoHash, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder(), infoHash + ".json");
        try
        {
            await using var file = File.OpenRead(path);
            var uploads = await JsonSerializer.DeserializeAsync<Dictionary<string, string>>(file, cancellationToken: cancellationToken);
            return new PublishState(path, uploads ?? []);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return new PublishState(path, []);
        }
    }

    public Task SaveAsync(CancellationToken cancellationToken) => AtomicFile.WriteAsync(_path, JsonSerializer.SerializeToUtf8Bytes(Uploads), cancellationToken);

    public void Delete()
    {
        if (File.Exists(_path))
        {
            File.Delete(_path);
        }
    }

    private static string Folder()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "edist", "publish");
    }
}
