using System.Net;
using System.Net.Http.Headers;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Tests.Infrastructure;

namespace EnterpriseDistrib.Server.Tests.Api;

[Collection(ControlPlaneCollection.Name)]
public sealed class PackageEndpointTests(ControlPlaneHarness harness)
{
    [Fact]
    public async Task A_version_registered_from_a_multipart_torrent_keeps_its_facts_and_bytes()
    {
        using var publisher = harness.ClientAs(AppRoles.Publisher);
        var package = await new ApiSeed(harness.ClientAs(AppRoles.Admin)).PackageAsync();
        var torrent = TestTorrents.Make("tool.exe", length: 40_000);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("3.2.1"), "version" },
            { new StringContent("{\"kind\":\"Exe\",\"command\":\"tool.exe\",\"arguments\":\"/S\",\"successExitCodes\":[0,1],\"timeoutSeconds\":600}"), "install" },
        };
        var file = new ByteArrayContent(torrent);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/x-bittorrent");
        form.Add(file, "torrent", "tool.torrent");

        using var response = await publisher.PostAsync(new Uri($"/api/v1/packages/{package}/versions", UriKind.Relative), form);
        var version = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(40, version.GetProperty("infoHash").GetString()!.Length);
        Assert.Equal(40_000, version.GetProperty("totalSize").GetInt64());
        Assert.Equal(3, version.GetProperty("pieceCount").GetInt32());
        Assert.Equal("tool.exe", Assert.Single(version.GetProperty("files").EnumerateArray()).GetProperty("path").GetString());
        Assert.Equal(600, version.GetProperty("install").GetProperty("timeoutSeconds").GetInt32());
        var bytes = await publisher.GetByteArrayAsync(new Uri($"/api/v1/packages/{package}/versions/{version.GetProperty("id").GetString()}/torrent", UriKind.Relative));
        Assert.Equal(torrent, bytes);
    }

    [Fact]
    public async Task A_torrent_that_does_not_parse_is_refused_saying_what_is_wrong()
    {
        using var publisher = harness.ClientAs(AppRoles.Publisher);
        var package = await new ApiSeed(harness.ClientAs(AppRoles.Admin)).PackageAsync();
        var problem = await (await publisher.PostJsonAsync($"/api/v1/packages/{package}/versions", new
        {
            version = "1",
            torrentBase64 = Convert.ToBase64String("d4:infoi5ee"u8.ToArray()),
            install = new { kind = "Msi", command = "msiexec" },
        })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("The .torrent is invalid", problem.GetProperty("errors").GetProperty("torrent")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_base64_and_a_missing_install_command_are_reported()
    {
        using var publisher = harness.ClientAs(AppRoles.Publisher);
        var package = await new ApiSeed(harness.ClientAs(AppRoles.Admin)).PackageAsync();
        var problem = await (await publisher.PostJsonAsync($"/api/v1/packages/{package}/versions", new { version = "1", torrentBase64 = "@@@", install = new { kind = "Msi" } }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("torrentBase64", out _));

        var torrent = Convert.ToBase64String(TestTorrents.Make("x.msi"));
        var missing = await (await publisher.PostJsonAsync($"/api/v1/packages/{package}/versions", new { version = "1", torrentBase64 = torrent, install = new { kind = "Msi" } }))
            .ExpectAsync(HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("install.command", out _));
    }

    [Fact]
    public async Task The_same_torrent_twice_is_a_conflict()
    {
        using var publisher = harness.ClientAs(AppRoles.Publisher);
        var package = await new ApiSeed(harness.ClientAs(AppRoles.Admin)).PackageAsync();
        var torrent = Convert.ToBase64String(TestTorrents.Make("same.msi"));
        await (await publisher.PostJsonAsync($"/api/v1/packages/{package}/versions", new { version = "1", torrentBase64 = torrent, install = new { kind = "Msi", command = "msiexec" } }))
            .ExpectAsync(HttpStatusCode.Created);

        await (await publisher.PostJsonAsync($"/api/v1/packages/{package}/versions", new { version = "2", torrentBase64 = torrent, install = new { kind = "Msi", command = "msiexec" } }))
            .ExpectAsync(HttpStatusCode.Conflict);
    }
}
