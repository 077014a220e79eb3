using System.Globalization;
using System.Net;
using System.Text;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Tests.Infrastructure;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Server.Tests.Origin;

/// <summary>Real content in a temp folder, its real torrent, registered through the API, and tus calls to upload it.</summary>
internal sealed class OriginPublishing : IDisposable
{
    private OriginPublishing(HttpClient publisher, string folder, string source, TorrentMetainfo metainfo, Guid packageId, Guid versionId)
    {
        Publisher = publisher;
        Folder = folder;
        Source = source;
        Metainfo = metainfo;
        PackageId = packageId;
        VersionId = versionId;
    }

    public HttpClient Publisher { get; }

    public string Folder { get; }

    /// <summary>The published file or folder.</summary>
    public string Source { get; }

    public TorrentMetainfo Metainfo { get; }

    public Guid PackageId { get; }

    public Guid VersionId { get; }

    /// <summary>Writes files (name → length) of seeded random bytes, one file alone or several under a folder, and registers them.</summary>
    public static async Task<OriginPublishing> RegisterAsync(OriginHarness harness, IReadOnlyList<(string Path, int Length)> files, int pieceLength = 16 * 1024, int seed = 1)
    {
        var folder = Directory.CreateTempSubdirectory("edist-publish-test-").FullName;
        var name = ApiSeed.Unique("pkg");
        var multi = files.Count > 1 || files[0].Path.Contains('/', StringComparison.Ordinal);
        var source = multi ? Path.Combine(folder, name) : Path.Combine(folder, name + ".bin");
        var random = new Random(seed);
        foreach (var (path, length) in files)
        {
            var full = multi ? Path.Combine([source, .. path.Split('/')]) : source;
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var bytes = new byte[length];
            random.NextBytes(bytes);
            await File.WriteAllBytesAsync(full, bytes);
        }

        var metainfo = await TorrentCreator.CreateAsync(source, new TorrentCreateOptions { PieceLength = pieceLength, IsPrivate = true });
        var publisher = harness.ClientAs(AppRoles.Publisher);
        var admin = new ApiSeed(harness.ClientAs(AppRoles.Admin));
        var packageId = await admin.PackageAsync();
        var version = await (await publisher.PostJsonAsync($"/api/v1/packages/{packageId}/versions", new
        {
            version = "1.0",
            torrentBase64 = Convert.ToBase64String(metainfo.TorrentBytes.Span),
            install = new { kind = "Exe", command = "setup.exe" },
        })).ExpectAsync(HttpStatusCode.Created);
        return new OriginPublishing(publisher, folder, source, metainfo, packageId, Guid.Parse(version.GetProperty("id").GetString()!));
    }

    /// <summary>The torrent path of each file and its local bytes.</summary>
    public IEnumerable<(string TorrentPath, byte[] Bytes)> Files() => Metainfo.Layout.Files.Select(f =>
        (string.Join('/', f.Path), File.ReadAllBytes(Metainfo.IsMultiFile ? Path.Combine([Source, .. f.Path.Skip(1)]) : Source)));

    public static HttpRequestMessage Tus(HttpMethod method, string uri)
    {
        var request = new HttpRequestMessage(method, new Uri(uri, UriKind.Relative));
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    public static string Metadata(Guid versionId, string path, long? offset = null) =>
        $"versionId {B64(versionId.ToString())},path {B64(path)}" + (offset is { } o ? $",offset {B64(o.ToString(CultureInfo.InvariantCulture))}" : "");

    /// <summary>POST creation; returns the response (the caller checks status and Location).</summary>
    public async Task<HttpResponseMessage> CreateAsync(string path, long length, long? offset = null, HttpClient? client = null)
    {
        using var request = Tus(HttpMethod.Post, "/api/v1/uploads");
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", Metadata(VersionId, path, offset));
        return await (client ?? Publisher).SendAsync(request);
    }

    public async Task<string> CreateOkAsync(string path, long length, long? offset = null)
    {
        using var response = await CreateAsync(path, length, offset);
        await response.ExpectAsync(HttpStatusCode.Created);
        return response.Headers.Location!.OriginalString;
    }

    public async Task<HttpResponseMessage> PatchAsync(string location, long offset, ReadOnlyMemory<byte> body)
    {
        using var request = Tus(HttpMethod.Patch, location);
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        request.Content = new ReadOnlyMemoryContent(body);
        request.Content.Headers.ContentType = new("application/offset+octet-stream");
        return await Publisher.SendAsync(request);
    }

    public async Task<long> OffsetAsync(string location)
    {
        using var request = Tus(HttpMethod.Head, location);
        using var response = await Publisher.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return long.Parse(response.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
    }

    /// <summary>Uploads every file whole in chunks of at most the server's cap.</summary>
    public async Task UploadAllAsync(Func<string, byte[], byte[]>? tamper = null)
    {
        foreach (var (path, bytes) in Files())
        {
            if (bytes.Length == 0)
            {
                continue;
            }

            var sent = tamper?.Invoke(path, bytes) ?? bytes;
            var location = await CreateOkAsync(path, sent.Length);
            for (var offset = 0; offset < sent.Length; offset += (int)OriginHarness.MaxChunkBytes)
            {
                var length = Math.Min((int)OriginHarness.MaxChunkBytes, sent.Length - offset);
                using var response = await PatchAsync(location, offset, sent.AsMemory(offset, length));
                await response.ExpectAsync(HttpStatusCode.NoContent);
            }
        }
    }

    public async Task<System.Text.Json.JsonElement> ContentAsync() =>
        await (await Publisher.GetAsync($"/api/v1/packages/{PackageId}/versions/{VersionId}/content")).ExpectAsync(HttpStatusCode.OK);

    /// <summary>Waits until the content leaves Uploading/Verifying; returns the status.</summary>
    public Task<System.Text.Json.JsonElement> SettledAsync() => Eventually.WaitForAsync(
        ContentAsync, c => c.GetProperty("state").GetString() is "Available" or "Refused", TimeSpan.FromSeconds(60), "the origin to verify the content");

    public void Dispose()
    {
        Publisher.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static string B64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
