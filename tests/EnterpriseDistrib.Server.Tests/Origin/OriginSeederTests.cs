using System.Net;
using System.Net.Http.Headers;
using EnterpriseDistrib.Server.Tests.Infrastructure;
using EnterpriseDistrib.Torrent.Swarm;

namespace EnterpriseDistrib.Server.Tests.Origin;

[Collection(OriginCollection.Name)]
public sealed class OriginSeederTests(OriginHarness harness)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_published_multi_file_package_is_seeded_to_a_real_leech_that_verifies_every_piece()
    {
        using var publishing = await OriginPublishing.RegisterAsync(harness, [("setup.exe", 300_000), ("data/big.cab", 1_200_000), ("data/empty.txt", 0), ("readme.txt", 777)]);
        await publishing.UploadAllAsync();
        Assert.Equal("Available", (await publishing.SettledAsync()).GetProperty("state").GetString());
        Assert.True(harness.Directory.Seeds(publishing.Metainfo.InfoHash));
        var origin = harness.Directory.PeerEndpoint;
        Assert.NotNull(origin);
        Assert.Equal(IPAddress.Loopback, origin.Address);

        var download = Directory.CreateTempSubdirectory("edist-leech-test-").FullName;
        try
        {
            await using var leech = new SwarmEngine(new EngineSettings { BindAddress = IPAddress.Loopback });
            var session = await leech.AddTorrentAsync(publishing.Metainfo, download, new TorrentOptions { UseTrackers = false, Peers = [origin] });
            await session.Completion.WaitAsync(Patience);

            foreach (var (path, bytes) in publishing.Files())
            {
                Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine([download, .. path.Split('/')])));
            }

            // Everything came from the origin, its only source (a block fetched twice in the end game may add a little).
            Assert.InRange(session.Statistics.BytesReceived, publishing.Metainfo.Layout.TotalLength, publishing.Metainfo.Layout.TotalLength * 11 / 10);
        }
        finally
        {
            Directory.Delete(download, recursive: true);
        }
    }

    [Fact]
    public async Task The_web_seed_answers_range_requests_for_a_file_of_a_multi_file_package()
    {
        using var publishing = await OriginPublishing.RegisterAsync(harness, [("bin/tool.exe", 50_000), ("doc.txt", 4_000)], seed: 7);
        await publishing.UploadAllAsync();
        await publishing.SettledAsync();
        var hash = publishing.Metainfo.InfoHash.ToHex();
        var (path, bytes) = publishing.Files().First();
        using var agent = harness.Client();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/content/{OriginHarness.GoodPasskey}/{hash}/{path}", UriKind.Relative));
        request.Headers.Range = new RangeHeaderValue(1000, 2999);
        using var partial = await agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(bytes[1000..3000], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes.Length, partial.Content.Headers.ContentRange!.Length);
        Assert.StartsWith(publishing.Metainfo.Name + "/", path, StringComparison.Ordinal);
        using var whole = await agent.GetAsync($"/content/{OriginHarness.GoodPasskey}/{hash}/{path}");
        Assert.Equal(bytes, await whole.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_web_seed_refuses_a_wrong_passkey_an_unknown_hash_and_content_not_yet_available()
    {
        using var publishing = await OriginPublishing.RegisterAsync(harness, [("a.msi", 20_000)], seed: 9);
        var hash = publishing.Metainfo.InfoHash.ToHex();
        var path = publishing.Files().Single().TorrentPath;
        using var agent = harness.Client();

        using var notYet = await agent.GetAsync($"/content/{OriginHarness.GoodPasskey}/{hash}/{path}");
        Assert.Equal(HttpStatusCode.NotFound, notYet.StatusCode);
        await publishing.UploadAllAsync();
        await publishing.SettledAsync();

        using var wrongPasskey = await agent.GetAsync($"/content/not-a-passkey/{hash}/{path}");
        Assert.Equal(HttpStatusCode.Forbidden, wrongPasskey.StatusCode);
        using var unknownHash = await agent.GetAsync($"/content/{OriginHarness.GoodPasskey}/{new string('0', 40)}/{path}");
        Assert.Equal(HttpStatusCode.NotFound, unknownHash.StatusCode);
        using var badHash = await agent.GetAsync($"/content/{OriginHarness.GoodPasskey}/xyz/{path}");
        Assert.Equal(HttpStatusCode.NotFound, badHash.StatusCode);
        using var unknownFile = await agent.GetAsync($"/content/{OriginHarness.GoodPasskey}/{hash}/other.msi");
        Assert.Equal(HttpStatusCode.NotFound, unknownFile.StatusCode);
        using var ok = await agent.GetAsync($"/content/{OriginHarness.GoodPasskey}/{hash}/{path}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }
}
