using EnterpriseDistrib.Server.Tests.Infrastructure;
using static EnterpriseDistrib.Server.Tests.Auth.MatrixContext;

namespace EnterpriseDistrib.Server.Tests.Auth;

/// <summary>Every endpoint under /api/v1 with its access rule and a request that succeeds for an allowed caller.</summary>
internal static class EndpointMatrix
{
    private const string Api = "/api/v1";

    public static IReadOnlyList<EndpointCase> All { get; } =
    [
        // Sites
        new("GET", $"{Api}/sites", Access.Read, 200, _ => Task.FromResult(Request("GET", $"{Api}/sites"))),
        new("GET", $"{Api}/sites/{{id:guid}}", Access.Read, 200, async c => Request("GET", $"{Api}/sites/{await c.Seed.SiteAsync()}")),
        new("GET", $"{Api}/sites/resolve", Access.Read, 200, _ => Task.FromResult(Request("GET", $"{Api}/sites/resolve?address=10.9.8.7"))),
        new("POST", $"{Api}/sites", Access.Administer, 201, _ => Task.FromResult(Request("POST", $"{Api}/sites", new { name = ApiSeed.Unique("m"), ranges = new[] { ApiSeed.FreshRange() } }))),
        new("PUT", $"{Api}/sites/{{id:guid}}", Access.Administer, 200, async c =>
            Request("PUT", $"{Api}/sites/{await c.Seed.SiteAsync()}", new { name = ApiSeed.Unique("m"), ranges = new[] { ApiSeed.FreshRange() }, version = 0 })),
        new("DELETE", $"{Api}/sites/{{id:guid}}", Access.Administer, 204, async c => Request("DELETE", $"{Api}/sites/{await c.Seed.SiteAsync()}")),

        // Office groups
        new("GET", $"{Api}/office-groups", Access.Read, 200, _ => Task.FromResult(Request("GET", $"{Api}/office-groups"))),
        new("GET", $"{Api}/office-groups/{{id:guid}}", Access.Read, 200, async c => Request("GET", $"{Api}/office-groups/{await c.Seed.GroupAsync()}")),
        new("POST", $"{Api}/office-groups", Access.Administer, 201, _ => Task.FromResult(Request("POST", $"{Api}/office-groups", new { name = ApiSeed.Unique("g"), siteIds = Array.Empty<Guid>() }))),
        new("PUT", $"{Api}/office-groups/{{id:guid}}", Access.Administer, 200, async c =>
            Request("PUT", $"{Api}/office-groups/{await c.Seed.GroupAsync()}", new { name = ApiSeed.Unique("g"), siteIds = Array.Empty<Guid>(), version = 0 })),
        new("DELETE", $"{Api}/office-groups/{{id:guid}}", Access.Administer, 204, async c => Request("DELETE", $"{Api}/office-groups/{await c.Seed.GroupAsync()}")),

        // Enrollment tokens
        new("GET", $"{Api}/enrollment-tokens", Access.Read, 200, _ => Task.FromResult(Request("GET", $"{Api}/enrollment-tokens"))),
        new("GET", $"{Api}/enrollment-tokens/{{id:guid}}", Access.Read, 200, async c => Request("GET", $"{Api}/enrollment-tokens/{(await c.Seed.TokenAsync()).Id}")),
        new("POST", $"{Api}/enrollment-tokens", Access.Administer, 201, _ => Task.FromResult(Request("POST", $"{Api}/enrollment-tokens", new { description = "matrix" }))),
        new("POST", $"{Api}/enrollment-tokens/{{id:guid}}/revoke", Access.Administer, 204, async c => Request("POST", $"{Api}/enrollment-tokens/{(await c.Seed.TokenAsync()).Id}/revoke")),

        // Agents (admin view)
        new("GET", $"{Api}/agents", Access.Read, 200, _ => Task.FromResult(Request("GET", $"{Api}/agents?take=5"))),
        new("GET", $"{Api}/agents/{{id:guid}}", Access.Read, 200, async c => Request("GET", $"{Api}/agents/{(await c.Seed.AgentAsync(c.Anonymous)).Id}")),
        new("POST", $"{Api}/agents/{{id:guid}}/revoke", Access.Administer, 204, async c => Request("POST", $"{Api}/agents/{(await c.Seed.AgentAsync(c.Anonymous)).Id}/revoke")),

        // Packages
        new("GET", $"{Api}/packages", Access.Read, 200, _ => Task.FromResult(Request("GET", $"{Api}/packages"))),
        new("GET", $"{Api}/packages/{{id:guid}}", Access.Read, 200, async c => Request("GET", $"{Api}/packages/{await c.Seed.PackageAsync()}")),
        new("POST", $"{Api}/packages", Access.Publish, 201, _ => Task.FromResult(Request("POST", $"{Api}/packages", new { name = ApiSeed.Unique("p") }))),
        new("POST", $"{Api}/packages/{{id:guid}}/versions", Access.Publish, 201, async c => Request("POST", $"{Api}/packages/{await c.Seed.PackageAsync()}/versions", ApiSeed.VersionBody())),
        new("GET", $"{Api}/packages/{{id:guid}}/versions/{{versionId:guid}}", Access.Read, 200, async c =>
        {
            var package = await c.Seed.PackageAsync();
            return Request("GET", $"{Api}/packages/{package}/versions/{await c.Seed.VersionAsync(package)}");
        }),
        new("GET", $"{Api}/packages/{{id:guid}}/versions/{{versionId:guid}}/torrent", Access.Read, 200, async c =>
        {
            var package = await c.Seed.PackageAsync();
            return Request("GET", $"{Api}/packages/{package}/versions/{await c.Seed.VersionAsync(package)}/torrent");
        }),

        // Content at the origin: tus uploads and the content status
        new("GET", $"{Api}/packages/{{id:guid}}/versions/{{versionId:guid}}/content", Access.Read, 200, async c =>
        {
            var package = await c.Seed.PackageAsync();
            return Request("GET", $"{Api}/packages/{package}/versions/{(await c.Seed.RegisteredVersionAsync(package)).VersionId}/content");
        }),
        new("OPTIONS", $"{Api}/uploads", Access.Publish, 204, _ => Task.FromResult(ApiSeed.Tus(Request("OPTIONS", $"{Api}/uploads")))),
        new("POST", $"{Api}/uploads", Access.Publish, 201, async c =>
        {
            var (versionId, name, content) = await c.Seed.RegisteredVersionAsync(await c.Seed.PackageAsync());
            return ApiSeed.Creation(versionId, name, content.Length);
        }),
        new("HEAD", $"{Api}/uploads/{{id}}", Access.Publish, 200, async c => ApiSeed.Tus(Request("HEAD", await c.Seed.CreatedUploadAsync()))),
        new("PATCH", $"{Api}/uploads/{{id}}", Access.Publish, 204, async c => ApiSeed.Patch(await c.Seed.CreatedUploadAsync(), 0, new byte[100])),
        new("DELETE", $"{Api}/uploads/{{id}}", Access.Publish, 204, async c => ApiSeed.Tus(Request("DELETE", await c.Seed.CreatedUploadAsync()))),

        // Rollouts
        new("GET", $"{Api}/rollouts", Access.Read, 200, _ => Task.FromResult(Request("GET", $"{Api}/rollouts"))),
        new("GET", $"{Api}/rollouts/{{id:guid}}", Access.Read, 200, async c => Request("GET", $"{Api}/rollouts/{await FutureRolloutAsync(c)}")),
        new("POST", $"{Api}/rollouts", Access.Publish, 201, async c =>
        {
            var version = await c.Seed.VersionAsync(await c.Seed.PackageAsync());
            return Request("POST", $"{Api}/rollouts", ApiSeed.RolloutBody(version, await c.Seed.GroupAsync(), DateTimeOffset.UtcNow.AddDays(1)));
        }),
        new("POST", $"{Api}/rollouts/{{id:guid}}/pause", Access.Publish, 200, async c => Request("POST", $"{Api}/rollouts/{await FutureRolloutAsync(c)}/pause")),
        new("POST", $"{Api}/rollouts/{{id:guid}}/resume", Access.Publish, 200, async c =>
        {
            var rollout = await FutureRolloutAsync(c);
            await c.Seed.Admin.SendAsync(Request("POST", $"{Api}/rollouts/{rollout}/pause"));
            return Request("POST", $"{Api}/rollouts/{rollout}/resume");
        }),
        new("POST", $"{Api}/rollouts/{{id:guid}}/cancel", Access.Publish, 200, async c => Request("POST", $"{Api}/rollouts/{await FutureRolloutAsync(c)}/cancel")),
        new("GET", $"{Api}/rollouts/{{id:guid}}/progress", Access.Read, 200, async c => Request("GET", $"{Api}/rollouts/{await FutureRolloutAsync(c)}/progress")),
        new("GET", $"{Api}/rollouts/{{id:guid}}/progress/agents", Access.Read, 200, async c => Request("GET", $"{Api}/rollouts/{await FutureRolloutAsync(c)}/progress/agents")),
        new("GET", $"{Api}/reports/wan", Access.Read, 200, _ => Task.FromResult(Request("GET", $"{Api}/reports/wan"))),
        new("GET", $"{Api}/swarms/{{package}}/sites/{{site}}", Access.Read, 200, _ => Task.FromResult(Request("GET", $"{Api}/swarms/{new string('a', 40)}/sites/none"))),

        // Agent protocol
        new("POST", $"{Api}/agent/enroll", Access.Anonymous, 201, async c =>
            Request("POST", $"{Api}/agent/enroll", new { enrollmentToken = (await c.Seed.TokenAsync()).Secret, hostname = ApiSeed.Unique("pc") })),
        new("POST", $"{Api}/agent/heartbeat", Access.Agent, 200, _ => Task.FromResult(Request("POST", $"{Api}/agent/heartbeat", new { agentVersion = "1.0.0" }))),
        new("GET", $"{Api}/agent/assignments", Access.Agent, 200, _ => Task.FromResult(Request("GET", $"{Api}/agent/assignments"))),
        new("GET", $"{Api}/agent/torrents/{{versionId:guid}}", Access.Agent, 200, async c =>
            Request("GET", $"{Api}/agent/torrents/{await c.Seed.VersionAsync(await c.Seed.PackageAsync())}")),
        new("POST", $"{Api}/agent/status", Access.Agent, 200, async c =>
        {
            var (rollout, _) = await c.Seed.RolloutAsync(await c.Seed.GroupAsync());
            return Request("POST", $"{Api}/agent/status", new { reports = new[] { new { rolloutId = rollout, sequence = 1, state = "Downloading", progressPercent = 10 } } });
        }),
    ];

    public static EndpointCase Get(string name) => All.Single(c => c.Name == name);

    private static async Task<Guid> FutureRolloutAsync(MatrixContext context) =>
        (await context.Seed.RolloutAsync(await context.Seed.GroupAsync(), DateTimeOffset.UtcNow.AddDays(1))).RolloutId;
}
