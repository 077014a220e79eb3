using System.Text.Json;
using EnterpriseDistrib.Agent.Status;

namespace EnterpriseDistrib.Agent.Cache;

/// <summary>
/// The package cache in the data folder: <c>cache/{infohash}/</c> holds a package's content (and the engine's
/// fast-resume), <c>cache/{infohash}.torrent</c> its metainfo, and <c>cache/index.json</c> what the eviction policy
/// needs. The quota is a share of the disk the data folder is on, or an absolute size.
/// </summary>
public sealed class PackageCache
{
    private const string IndexName = "index.json";

    private readonly string _folder;
    private readonly double _quotaShare;
    private readonly long _quotaBytes;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, CachedPackage>? _index;

    public PackageCache(string folder, double quotaShare, long quotaBytes)
    {
        _folder = Directory.CreateDirectory(folder).FullName;
        _quotaShare = quotaShare;
        _quotaBytes = quotaBytes;
    }

    public string Folder => _folder;

    /// <summary>Bytes the cache may hold: the configured size, else the share of the disk's total size.</summary>
    public long QuotaBytes => _quotaBytes > 0 ? _quotaBytes : (long)(new DriveInfo(_folder).TotalSize * _quotaShare);

    public string ContentFolder(string infoHash) => Path.Combine(_folder, Normalize(infoHash));

    public string TorrentFile(string infoHash) => Path.Combine(_folder, Normalize(infoHash) + ".torrent");

    public async Task<IReadOnlyList<CachedPackage>> ListAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return [.. (await IndexAsync(cancellationToken)).Values];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Adds or replaces a package's entry.</summary>
    public Task PutAsync(CachedPackage package, CancellationToken cancellationToken) =>
        ChangeAsync(index => index[Normalize(package.InfoHash)] = package with { InfoHash = Normalize(package.InfoHash) }, cancellationToken);

    /// <summary>Changes a package's entry if it is there.</summary>
    public Task UpdateAsync(string infoHash, Func<CachedPackage, CachedPackage> change, CancellationToken cancellationToken) =>
        ChangeAsync(
            index =>
            {
                if (index.TryGetValue(Normalize(infoHash), out var package))
                {
                    index[package.InfoHash] = change(package);
                }
            },
            cancellationToken);

    /// <summary>Forgets a package and deletes its content and metainfo (its torrent must be out of the engine first).</summary>
    public async Task RemoveAsync(string infoHash, CancellationToken cancellationToken)
    {
        await ChangeAsync(index => index.Remove(Normalize(infoHash)), cancellationToken);
        var content = ContentFolder(infoHash);
        if (Directory.Exists(content))
        {
            Directory.Delete(content, recursive: true);
        }

        File.Delete(TorrentFile(infoHash));
    }

    private static string Normalize(string infoHash) => infoHash.ToLowerInvariant();

    private async Task ChangeAsync(Action<Dictionary<string, CachedPackage>> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var index = await IndexAsync(cancellationToken);
            change(index);
            await AtomicFile.WriteJsonAsync(Path.Combine(_folder, IndexName), index.Values.ToList(), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<string, CachedPackage>> IndexAsync(CancellationToken cancellationToken)
    {
        if (_index is not null)
        {
            return _index;
        }

        List<CachedPackage>? stored = null;
        try
        {
            await using var stream = File.OpenRead(Path.Combine(_folder, IndexName));
            stored = await JsonSerializer.DeserializeAsync<List<CachedPackage>>(stream, AtomicFile.JsonOptions, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or JsonException)
        {
            // No index yet, or a damaged one: packages on disk without an entry are re-admitted by their rollouts.
        }

        _index = (stored ?? []).Where(p => p.InfoHash is { Length: 40 }).ToDictionary(p => Normalize(p.InfoHash), StringComparer.Ordinal);
        return _index;
    }
}
