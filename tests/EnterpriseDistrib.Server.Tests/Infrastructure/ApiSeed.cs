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

    public async Task<Guid> VersionAsync(Guid packageId) =>
        Id(await (await admin.PostJsonAsync($"/api/v1/packages/{packageId}/versions", VersionBody())).ExpectAsync(HttpStatusCode.Created));

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
