using System.Net;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Tests.Infrastructure;
using EnterpriseDistrib.Server.Tests.Origin;

namespace EnterpriseDistrib.Server.Tests.Uploads;

[Collection(OriginCollection.Name)]
public sealed class UploadEndpointTests(OriginHarness harness)
{
    [Fact]
    public async Task Options_advertises_the_tus_version_extensions_and_maximum_size()
    {
        using var client = harness.ClientAs(AppRoles.Publisher);
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri("/api/v1/uploads", UriKind.Relative));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Version").Single());
        Assert.Equal("creation,termination", response.Headers.GetValues("Tus-Extension").Single());
        Assert.Equal(OriginHarness.MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("Tus-Max-Size").Single());
    }

    [Fact]
    public async Task A_file_sent_in_chunks_moves_the_offset_and_becomes_available()
    {
        using var publishing = await OriginPublishing.RegisterAsync(harness, [("app.msi", 40_000)]);
        var (path, bytes) = publishing.Files().Single();
        Assert.Equal("Registered", (await publishing.ContentAsync()).GetProperty("state").GetString());

        var location = await publishing.CreateOkAsync(path, bytes.Length);
        Assert.Equal(0, await publishing.OffsetAsync(location));
        Assert.Equal("Uploading", (await publishing.ContentAsync()).GetProperty("state").GetString());
        using (var first = await publishing.PatchAsync(location, 0, bytes.AsMemory(0, 10_000)))
        {
            await first.ExpectAsync(HttpStatusCode.NoContent);
            Assert.Equal("10000", first.Headers.GetValues("Upload-Offset").Single());
        }

        Assert.Equal(10_000, await publishing.OffsetAsync(location));
        using (var rest = await publishing.PatchAsync(location, 10_000, bytes.AsMemory(10_000)))
        {
            await rest.ExpectAsync(HttpStatusCode.NoContent);
        }

        var content = await publishing.SettledAsync();
        Assert.Equal("Available", content.GetProperty("state").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, content.GetProperty("availableAt").ValueKind);
        Assert.True(harness.Directory.Seeds(publishing.Metainfo.InfoHash));
    }

    [Fact]
    public async Task A_patch_at_the_wrong_offset_is_a_conflict_that_names_the_right_offset_and_changes_nothing()
    {
        using var publishing = await OriginPublishing.RegisterAsync(harness, [("tool.exe", 30_000)]);
        var (path, bytes) = publishing.Files().Single();
        var location = await publishing.CreateOkAsync(path, bytes.Length);
        using (var first = await publishing.PatchAsync(location, 0, bytes.AsMemory(0, 5_000)))
        {
            await first.ExpectAsync(HttpStatusCode.NoContent);
        }

        // A retry of a chunk that did arrive (the answer was lost) is refused, not appended twice.
        using var retry = await publishing.PatchAsync(location, 0, bytes.AsMemory(0, 5_000));
        var problem = await retry.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("5000", retry.Headers.GetValues("Upload-Offset").Single());
        Assert.Contains("continue from 5000", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var ahead = await publishing.PatchAsync(location, 9_000, bytes.AsMemory(9_000, 1_000));
        await ahead.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(5_000, await publishing.OffsetAsync(location));
    }

    [Fact]
    public async Task Oversized_uploads_chunks_and_bodies_past_the_length_are_refused()
    {
        using var publishing = await OriginPublishing.RegisterAsync(harness, [("big.bin", 3 * 1024 * 1024)]);
        var (path, bytes) = publishing.Files().Single();

        using var tooBig = await publishing.CreateAsync(path, OriginHarness.MaxUploadBytes + 1);
        await tooBig.ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        using var pastFile = await publishing.CreateAsync(path, bytes.Length + 1);
        await pastFile.ExpectAsync(HttpStatusCode.BadRequest);

        var location = await publishing.CreateOkAsync(path, bytes.Length);
        using var chunkTooBig = await publishing.PatchAsync(location, 0, bytes.AsMemory(0, (int)OriginHarness.MaxChunkBytes + 1));
        await chunkTooBig.ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await publishing.OffsetAsync(location));

        var small = await publishing.CreateOkAsync(path, 1000);
        using var pastLength = await publishing.PatchAsync(small, 0, bytes.AsMemory(0, 2000));
        await pastLength.ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await publishing.OffsetAsync(small));
    }

    [Fact]
    public async Task Viewers_anonymous_callers_and_other_protocol_versions_are_refused()
    {
        using var publishing = await OriginPublishing.RegisterAsync(harness, [("a.msi", 1000)]);
        using var viewer = harness.ClientAs(AppRoles.Viewer);
        using var forbidden = await publishing.CreateAsync("a.msi", 1000, client: viewer);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var anonymous = harness.Client();
        using var unauthorized = await publishing.CreateAsync("a.msi", 1000, client: anonymous);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);

        using var oldVersion = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/uploads", UriKind.Relative));
        oldVersion.Headers.Add("Tus-Resumable", "0.2.2");
        oldVersion.Headers.Add("Upload-Length", "1000");
        oldVersion.Headers.Add("Upload-Metadata", OriginPublishing.Metadata(publishing.VersionId, "a.msi"));
        using var precondition = await publishing.Publisher.SendAsync(oldVersion);
        Assert.Equal(HttpStatusCode.PreconditionFailed, precondition.StatusCode);
        Assert.Equal("1.0.0", precondition.Headers.GetValues("Tus-Version").Single());
    }

    [Fact]
    public async Task Metadata_naming_no_version_or_no_file_of_it_is_refused_saying_what_is_wrong()
    {
        using var publishing = await OriginPublishing.RegisterAsync(harness, [("a.msi", 1000)]);
        using var noFile = await publishing.CreateAsync("other.msi", 10);
        var problem = await noFile.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(publishing.Files().Single().TorrentPath, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var garbage = OriginPublishing.Tus(HttpMethod.Post, "/api/v1/uploads");
        garbage.Headers.Add("Upload-Length", "10");
        garbage.Headers.Add("Upload-Metadata", "versionId !!!,path x");
        using var bad = await publishing.Publisher.SendAsync(garbage);
        await bad.ExpectAsync(HttpStatusCode.BadRequest);

        using var unknown = OriginPublishing.Tus(HttpMethod.Post, "/api/v1/uploads");
        unknown.Headers.Add("Upload-Length", "10");
        unknown.Headers.Add("Upload-Metadata", OriginPublishing.Metadata(Guid.NewGuid(), "a.msi"));
        using var missing = await publishing.Publisher.SendAsync(unknown);
        await missing.ExpectAsync(HttpStatusCode.NotFound);

        using var head = OriginPublishing.Tus(HttpMethod.Head, "/api/v1/uploads/" + new string('a', 64));
        using var noUpload = await publishing.Publisher.SendAsync(head);
        Assert.Equal(HttpStatusCode.NotFound, noUpload.StatusCode);
    }

    [Fact]
    public async Task A_terminated_upload_is_gone()
    {
        using var publishing = await OriginPublishing.RegisterAsync(harness, [("a.msi", 1000)]);
        var location = await publishing.CreateOkAsync(publishing.Files().Single().TorrentPath, 1000);
        using var delete = OriginPublishing.Tus(HttpMethod.Delete, location);
        using var deleted = await publishing.Publisher.SendAsync(delete);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var head = OriginPublishing.Tus(HttpMethod.Head, location);
        using var gone = await publishing.Publisher.SendAsync(head);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
