using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Agent.Tests.Infrastructure;

/// <summary>Uploads a registered version's files to the real server's origin through tus, as <c>edist publish</c> does, and waits until it is Available.</summary>
internal static class OriginUpload
{
    public static async Task PublishAsync(HttpClient admin, Guid packageId, Guid versionId, TorrentMetainfo metainfo, string folder)
    {
        foreach (var file in metainfo.Layout.Files)
        {
            var path = string.Join('/', file.Path);
            using var create = Tus(HttpMethod.Post, "api/v1/uploads");
            create.Headers.Add("Upload-Length", file.Length.ToString(CultureInfo.InvariantCulture));
            create.Headers.Add("Upload-Metadata", $"versionId {B64(versionId.ToString())},path {B64(path)}");
            using var created = await admin.SendAsync(create);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

            using var patch = Tus(HttpMethod.Patch, created.Headers.Location!.ToString());
            patch.Headers.Add("Upload-Offset", "0");
            patch.Content = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(folder, file.RelativePath)));
            patch.Content.Headers.ContentType = new("application/offset+octet-stream");
            using var patched = await admin.SendAsync(patch);
            Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        }

        var deadline = DateTime.UtcNow + AgentRun.Patience;
        string? state;
        while ((state = (await admin.GetFromJsonAsync<JsonElement>(new Uri($"api/v1/packages/{packageId}/versions/{versionId}/content", UriKind.Relative)))
            .GetProperty("state").GetString()) != "Available")
        {
            Assert.True(state is not "Refused" && DateTime.UtcNow < deadline, $"the origin did not accept the content: {state}");
            await Task.Delay(100);
        }
    }

    private static HttpRequestMessage Tus(HttpMethod method, string uri)
    {
        var request = new HttpRequestMessage(method, new Uri(uri, UriKind.RelativeOrAbsolute));
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
