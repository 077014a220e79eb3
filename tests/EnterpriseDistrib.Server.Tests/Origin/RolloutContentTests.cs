using System.Net;
using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Tests.Infrastructure;

namespace EnterpriseDistrib.Server.Tests.Origin;

[Collection(OriginCollection.Name)]
public sealed class RolloutContentTests(OriginHarness harness)
{
    [Fact]
    public async Task A_rollout_of_a_version_whose_content_is_not_available_is_refused_until_it_is()
    {
        var seed = new ApiSeed(harness.ClientAs(AppRoles.Admin));
        var group = await seed.GroupAsync(await seed.SiteAsync());
        using var publishing = await OriginPublishing.RegisterAsync(harness, [("app.msi", 50_000)], seed: 11);
        var body = ApiSeed.RolloutBody(publishing.VersionId, group, DateTimeOffset.UtcNow.AddHours(1));

        var refused = await (await publishing.Publisher.PostJsonAsync("/api/v1/rollouts", body)).ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("The version's content is not available", refused.GetProperty("title").GetString());
        Assert.Contains("Registered", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await publishing.UploadAllAsync();
        await publishing.SettledAsync();
        await (await publishing.Publisher.PostJsonAsync("/api/v1/rollouts", body)).ExpectAsync(HttpStatusCode.Created);
    }
}
