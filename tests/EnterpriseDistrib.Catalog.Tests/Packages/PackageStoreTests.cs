using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Errors;
using EnterpriseDistrib.Testing.Postgres;

namespace EnterpriseDistrib.Catalog.Tests.Packages;

[Collection(PostgresFixture.CollectionName)]
public sealed class PackageStoreTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_registered_version_keeps_its_files_torrent_and_install_spec()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var version = await catalog.AddPackageVersionAsync();

        var read = await catalog.Packages.FindVersionByInfoHashAsync(version.InfoHash.ToUpperInvariant());

        Assert.NotNull(read);
        Assert.Equal(["7z/setup.msi", "7z/readme.txt"], read.Files.Select(f => f.Path));
        Assert.Equal([0x64, 0x65], read.TorrentBytes);
        Assert.Equal(InstallerKind.Msi, read.Install.Kind);
        Assert.Equal([3010, 1641], read.Install.RebootExitCodes);
        Assert.Equal(DetectionKind.MsiProductCode, read.Install.Detection!.Kind);
        var summary = Assert.Single(await catalog.Packages.ListVersionsAsync(version.PackageId));
        Assert.Equal(2, summary.FileCount);
        Assert.Equal(version.TotalSize, summary.TotalSize);
    }

    [Fact]
    public async Task A_duplicate_label_or_info_hash_is_a_conflict()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var version = await catalog.AddPackageVersionAsync();

        await Assert.ThrowsAsync<CatalogConflictException>(() =>
            catalog.Packages.AddVersionAsync(version.PackageId, CatalogHarness.NewVersion("24.08"), CatalogHarness.Actor));
        await Assert.ThrowsAsync<CatalogConflictException>(() =>
            catalog.Packages.AddVersionAsync(version.PackageId, CatalogHarness.NewVersion("24.09", version.InfoHash), CatalogHarness.Actor));
        await Assert.ThrowsAsync<CatalogConflictException>(() => catalog.Packages.CreatePackageAsync("7-Zip", null, CatalogHarness.Actor));
        await Assert.ThrowsAsync<CatalogReferenceException>(() =>
            catalog.Packages.AddVersionAsync(Guid.NewGuid(), CatalogHarness.NewVersion("1"), CatalogHarness.Actor));
    }
}
