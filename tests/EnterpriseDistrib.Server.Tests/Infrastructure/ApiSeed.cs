using System.Net;
using System.Text.Json;

namespace EnterpriseDistrib.Server.Tests.Infrastructure;

/// <summary>Creates catalog items through the API as an admin, under fresh names, and returns their ids.</summary>
internal sealed class ApiSeed(HttpClient admin)
{
    /// <summary>The admin client the seeder uses.</summary>
    public HttpClient Admin => admin;

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 40)];

    /// <summary>A random /24 in 10.200-255.x.0 (a rare repeat is only an overlap warning).</summary>
    public static string FreshRange() => $"10.{Random.Shared.Next(200, 256)}.{Random.Shared.Next(0, 256)}.0/24";

    public async Task<Guid> SiteAsync(string? range = null) =>
        Id(await (await admin.PostJsonAsync("/api/v1/sites", new { name = Unique("site"), ranges = new[] { range ?? FreshRange() } })).ExpectAsync(HttpStatusCode.Created));

    public async Task<Guid> GroupAsync(params Guid[] siteIds) =>
        Id(await (await admin.PostJsonAsync("/api/v1/office-groups", new { name = Unique("group"), siteIds })).ExpectAsync(HttpStatusCode.Created));

    public async Task<Guid> PackageAsync() =>
        Id(await (await admin.PostJsonAsync("/api/v1/packages", new { name = Unique("pkg") })).ExpectAsync(HttpStatusCode.Created));

    /// <summary>A version whose (10,000-byte) content is uploaded through tus and verified: Available, so it can be rolled out.</summary>
    public async Task<Guid> VersionAsync(Guid packageId)
    {
        var (versionId, name, content) = await RegisteredVersionAsync(packageId);
        var location = await CreatedUploadAsync(versionId, name, content.Length);
        using var patched = await admin.SendAsync(Patch(location, 0, content));
        await patched.ExpectAsync(HttpStatusCode.NoContent);
        await Eventually.WaitForAsync(
            async () => (await (await admin.GetAsync($"/api/v1/packages/{packageId}/versions/{versionId}/content")).ExpectAsync(HttpStatusCode.OK)).GetProperty("state").GetString(),
            state => state is "Available" or "Refused",
            TimeSpan.FromSeconds(30),
            "the origin to verify the seeded version");
        return versionId;
    }

    /// <summary>A version registered with the real hashes of 10,000 random bytes (returned), its content not uploaded yet.</summary>
    public async Task<(Guid VersionId, string FileName, byte[] Content)> RegisteredVersionAsync(Guid packageId)
    {
        var name = Unique("app") + ".msi";
        var content = System.Security.Cryptography.RandomNumberGenerator.GetBytes(10_000);
        var body = new
        {
            version = Unique("1.0"),
            torrentBase64 = Convert.ToBase64String(TestTorrents.MakeFor(name, content)),
            install = new { kind = "Msi", command = "msiexec.exe", arguments = "/i app.msi /qn" },
        };
        return (Id(await (await admin.PostJsonAsync($"/api/v1/packages/{packageId}/versions", body)).ExpectAsync(HttpStatusCode.Created)), name, content);
    }

    /// <summary>A started tus upload of a fresh version's file (nothing sent yet); returns its location.</summary>
    public async Task<string> CreatedUploadAsync()
    {
        var (versionId, name, content) = await RegisteredVersionAsync(await PackageAsync());
        return await CreatedUploadAsync(versionId, name, content.Length);
    }

    public async Task<string> CreatedUploadAsync(Guid versionId, string name, long length)
    {
        using var created = await admin.SendAsync(Creation(versionId, name, length));
        await created.ExpectAsync(HttpStatusCode.Created);
        return created.Headers.Location!.OriginalString;
    }

    /// <summary>Adds the tus protocol header every upload request needs.</summary>
    public static HttpRequestMessage Tus(HttpRequestMessage request)
    {
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    /// <summary>tus creation of an upload of <paramref name="length"/> bytes of the file <paramref name="name"/> of a version.</summary>
    public static HttpRequestMessage Creation(Guid versionId, string name, long length)
    {
        static string B64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
        var request = Tus(new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/uploads", UriKind.Relative)));
        request.Headers.Add("Upload-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", $"versionId {B64(versionId.ToString())},path {B64(name)}");
        return request;
    }

    /// <summary>A tus PATCH of <paramref name="bytes"/> at <paramref name="offset"/>.</summary>
    public static HttpRequestMessage Patch(string location, long offset, byte[] bytes)
    {
        var request = Tus(new HttpRequestMessage(HttpMethod.Patch, new Uri(location, UriKind.Relative)) { Content = new ByteArrayContent(bytes) });
        request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Content!.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/offset+octet-stream");
        return request;
    }

    public static object VersionBody() => new
    {
        version = Unique("1.0"),
        torrentBase64 = Convert.ToBase64String(TestTorrents.Make(Unique("app") + ".msi")),
        install = new { kind = "Msi", command = "msiexec.exe", arguments = "/i app.msi /qn" },
    };

    /// <summary>A rollout of a fresh version to <paramref name="groupId"/>; waves start at <paramref name="startsAt"/> (default: an hour ago).</summary>
    public async Task<(Guid RolloutId, Guid VersionId)> RolloutAsync(Guid groupId, DateTimeOffset? startsAt = null, double failureThreshold = 0.5, int failureMinimumSample = 2)
    {
        var version = await VersionAsync(await PackageAsync());
        var body = RolloutBody(version, groupId, startsAt ?? DateTimeOffset.UtcNow.AddHours(-1), failureThreshold, failureMinimumSample);
        var rollout = Id(await (await admin.PostJsonAsync("/api/v1/rollouts", body)).ExpectAsync(HttpStatusCode.Created));
        return (rollout, version);
    }

    public static object RolloutBody(Guid versionId, Guid groupId, DateTimeOffset startsAt, double failureThreshold = 0.5, int failureMinimumSample = 2) => new
    {
        name = Unique("rollout"),
        packageVersionId = versionId,
        waves = new[] { new { officeGroupId = groupId, startsAt } },
        failureThreshold,
        failureMinimumSample,
    };

    /// <summary>A fresh enrollment token pinned to <paramref name="siteId"/> (when given); returns its id and secret.</summary>
    public async Task<(Guid Id, string Secret)> TokenAsync(Guid? siteId = null, int? maxUses = null)
    {
        var token = await (await admin.PostJsonAsync("/api/v1/enrollment-tokens", new { description = Unique("token"), siteId, maxUses })).ExpectAsync(HttpStatusCode.Created);
        return (Id(token), token.GetProperty("secret").GetString()!);
    }

    /// <summary>Enrolls a new agent (pinned to <paramref name="siteId"/> when given) with <paramref name="anonymous"/>; returns its id and credential.</summary>
    public async Task<(Guid Id, string Credential)> AgentAsync(HttpClient anonymous, Guid? siteId = null)
    {
        var (_, secret) = await TokenAsync(siteId);
        var enrolled = await (await anonymous.PostJsonAsync("/api/v1/agent/enroll", new { enrollmentToken = secret, hostname = Unique("pc"), operatingSystem = "Windows 11" }))
            .ExpectAsync(HttpStatusCode.Created);
        return (Guid.Parse(enrolled.GetProperty("agentId").GetString()!), enrolled.GetProperty("credential").GetString()!);
    }

    private static Guid Id(JsonElement element) => Guid.Parse(element.GetProperty("id").GetString()!);
}
