using EnterpriseDistrib.Catalog.Entities;
using EnterpriseDistrib.Catalog.Packages;
using EnterpriseDistrib.Testing.Postgres;

namespace EnterpriseDistrib.Catalog.Tests.Packages;

[Collection(PostgresFixture.CollectionName)]
public sealed class PackageContentStoreTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Content_moves_from_registered_through_uploading_and_verifying_to_available_with_its_time()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var contents = new PackageContentStore(catalog.Contexts, TimeProvider.System);
        var version = await catalog.AddPackageVersionAsync();
        Assert.Equal(PackageContentState.Registered, await contents.GetStateAsync(version.Id));

        Assert.False(await contents.MarkAvailableAsync(version.Id));
        Assert.False(await contents.MarkVerifyingAsync(version.Id));
        Assert.True(await contents.MarkUploadingAsync(version.Id));
        Assert.True(await contents.MarkVerifyingAsync(version.Id));
        Assert.False(await contents.MarkVerifyingAsync(version.Id));
        Assert.False(await contents.MarkUploadingAsync(version.Id));
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        Assert.True(await contents.MarkAvailableAsync(version.Id));

        var read = await catalog.Packages.GetVersionAsync(version.Id);
        Assert.Equal(PackageContentState.Available, read!.ContentState);
        Assert.InRange(read.AvailableAt!.Value, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(PackageContentState.Available, Assert.Single(await catalog.Packages.ListVersionsAsync(version.PackageId)).ContentState);
        Assert.Equal([version.Id], (await contents.ListInStateAsync(PackageContentState.Available)).Select(v => v.Id));
        Assert.False(await contents.MarkUploadingAsync(version.Id));
    }

    [Fact]
    public async Task A_refusal_keeps_its_problem_until_an_upload_starts_again()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var contents = new PackageContentStore(catalog.Contexts, TimeProvider.System);
        var version = await catalog.AddPackageVersionAsync();
        await contents.MarkUploadingAsync(version.Id);
        await contents.MarkVerifyingAsync(version.Id);

        Assert.True(await contents.MarkRefusedAsync(version.Id, new string('x', 5000)));
        var refused = await catalog.Packages.GetVersionAsync(version.Id);
        Assert.Equal(PackageContentState.Refused, refused!.ContentState);
        Assert.Equal(2000, refused.ContentProblem!.Length);
        Assert.Null(refused.AvailableAt);

        Assert.True(await contents.MarkUploadingAsync(version.Id));
        Assert.Null((await catalog.Packages.GetVersionAsync(version.Id))!.ContentProblem);
        Assert.Null(await contents.GetStateAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task The_embedded_sqlite_catalog_moves_content_the_same_way()
    {
        await using var catalog = await CatalogHarness.SqliteAsync();
        var contents = new PackageContentStore(catalog.Contexts, TimeProvider.System);
        var version = await catalog.AddPackageVersionAsync();

        Assert.True(await contents.MarkUploadingAsync(version.Id));
        Assert.True(await contents.MarkVerifyingAsync(version.Id));
        Assert.True(await contents.MarkAvailableAsync(version.Id));
        Assert.Equal(PackageContentState.Available, await contents.GetStateAsync(version.Id));
    }
}
