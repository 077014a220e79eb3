using EnterpriseDistrib.Agent.Cache;
using EnterpriseDistrib.Agent.Tests.Infrastructure;

namespace EnterpriseDistrib.Agent.Tests.Cache;

public sealed class PackageCacheTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Entries_survive_a_restart_and_removal_deletes_content_and_metainfo()
    {
        var hash = new string('a', 40);
        var cache = new PackageCache(_folder.Path, 0.2, 0);
        Directory.CreateDirectory(Path.Combine(cache.ContentFolder(hash), "pkg"));
        await File.WriteAllTextAsync(Path.Combine(cache.ContentFolder(hash), "pkg", "file"), "x");
        await File.WriteAllTextAsync(cache.TorrentFile(hash), "d");
        await cache.PutAsync(new CachedPackage(hash.ToUpperInvariant(), "pkg", 1, DateTimeOffset.UnixEpoch), CancellationToken.None);
        await cache.UpdateAsync(hash, p => p with { Complete = true }, CancellationToken.None);

        var reopened = new PackageCache(_folder.Path, 0.2, 0);
        var entry = Assert.Single(await reopened.ListAsync(CancellationToken.None));
        await reopened.RemoveAsync(hash, CancellationToken.None);

        Assert.Equal(hash, entry.InfoHash);
        Assert.True(entry.Complete);
        Assert.Empty(await new PackageCache(_folder.Path, 0.2, 0).ListAsync(CancellationToken.None));
        Assert.False(Directory.Exists(cache.ContentFolder(hash)));
        Assert.False(File.Exists(cache.TorrentFile(hash)));
    }

    [Fact]
    public void The_quota_is_the_configured_size_or_the_share_of_the_disk()
    {
        var disk = new DriveInfo(_folder.Path).TotalSize;

        Assert.Equal(12345, new PackageCache(_folder.Path, 0.2, 12345).QuotaBytes);
        Assert.Equal((long)(disk * 0.25), new PackageCache(_folder.Path, 0.25, 0).QuotaBytes);
    }

    [Fact]
    public async Task A_damaged_index_reads_as_empty_instead_of_failing()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "index.json"), "{ not json");

        Assert.Empty(await new PackageCache(_folder.Path, 0.2, 0).ListAsync(CancellationToken.None));
    }
}
