using System.Security.Cryptography;
using EnterpriseDistrib.Catalog.Enrollment;
using EnterpriseDistrib.Testing.Postgres;

namespace EnterpriseDistrib.Catalog.Tests.Enrollment;

[Collection(PostgresFixture.CollectionName)]
public sealed class EnrollmentTokenStoreTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_valid_token_enrolls_an_agent_and_counts_the_use()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var secret = RandomNumberGenerator.GetBytes(32);
        var token = await catalog.Tokens.CreateAsync(new EnrollmentTokenDraft("Paris laptops", secret, DateTimeOffset.UtcNow.AddDays(1)), CatalogHarness.Actor);

        var outcome = await catalog.Tokens.EnrollAsync(secret, Registration("pc-1"));

        Assert.Equal(EnrollmentResult.Enrolled, outcome.Result);
        Assert.Equal(token.Id, outcome.Agent!.EnrollmentTokenId);
        Assert.Equal(1, (await catalog.Tokens.GetAsync(token.Id))!.UseCount);
        Assert.NotNull(await catalog.Agents.FindByCredentialHashAsync(outcome.Agent.CredentialHash));
    }

    [Fact]
    public async Task Unknown_expired_revoked_and_used_up_tokens_are_refused_with_their_reason()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        byte[] expired = [1], revoked = [2], usedUp = [3];
        await catalog.Tokens.CreateAsync(new EnrollmentTokenDraft("old", expired, DateTimeOffset.UtcNow.AddMinutes(-1)), CatalogHarness.Actor);
        var toRevoke = await catalog.Tokens.CreateAsync(new EnrollmentTokenDraft("revoked", revoked, DateTimeOffset.UtcNow.AddDays(1)), CatalogHarness.Actor);
        await catalog.Tokens.RevokeAsync(toRevoke.Id, CatalogHarness.Actor);
        await catalog.Tokens.CreateAsync(new EnrollmentTokenDraft("once", usedUp, DateTimeOffset.UtcNow.AddDays(1), MaxUses: 1), CatalogHarness.Actor);
        Assert.True((await catalog.Tokens.EnrollAsync(usedUp, Registration("first"))).Succeeded);

        Assert.Equal(EnrollmentResult.UnknownToken, (await catalog.Tokens.EnrollAsync([9, 9], Registration("a"))).Result);
        Assert.Equal(EnrollmentResult.TokenExpired, (await catalog.Tokens.EnrollAsync(expired, Registration("b"))).Result);
        Assert.Equal(EnrollmentResult.TokenRevoked, (await catalog.Tokens.EnrollAsync(revoked, Registration("c"))).Result);
        Assert.Equal(EnrollmentResult.TokenUsedUp, (await catalog.Tokens.EnrollAsync(usedUp, Registration("d"))).Result);
        Assert.Equal(1, (await catalog.Agents.ListAsync(new Catalog.Agents.AgentQuery())).Total);
    }

    [Fact]
    public async Task Agents_racing_for_the_last_use_of_a_token_enroll_exactly_once()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        byte[] secret = [7, 7, 7];
        var token = await catalog.Tokens.CreateAsync(new EnrollmentTokenDraft("one seat", secret, DateTimeOffset.UtcNow.AddDays(1), MaxUses: 1), CatalogHarness.Actor);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => catalog.Tokens.EnrollAsync(secret, Registration($"racer-{i}")))));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal(EnrollmentResult.TokenUsedUp, o.Result));
        Assert.Equal(1, (await catalog.Tokens.GetAsync(token.Id))!.UseCount);
    }

    [Fact]
    public async Task A_token_that_pins_a_site_places_the_agent_there_and_says_so()
    {
        await using var catalog = await CatalogHarness.PostgresAsync(postgres);
        var paris = await catalog.AddSiteAsync("Paris", "10.1.0.0/16");
        var lyon = await catalog.AddSiteAsync("Lyon", "10.2.0.0/16");
        byte[] secret = [4, 2];
        await catalog.Tokens.CreateAsync(new EnrollmentTokenDraft("Lyon kiosks", secret, DateTimeOffset.UtcNow.AddDays(1), lyon.Id), CatalogHarness.Actor);

        var outcome = await catalog.Tokens.EnrollAsync(secret, Registration("kiosk") with { SiteId = paris.Id, SiteReason = "by address" });

        Assert.Equal(lyon.Id, outcome.Agent!.SiteId);
        Assert.True(outcome.Agent.SitePinned);
        Assert.Contains("Lyon kiosks", outcome.Agent.SiteReason, StringComparison.Ordinal);
    }

    private static AgentRegistration Registration(string hostname) =>
        new(hostname, RandomNumberGenerator.GetBytes(32), "Windows 11", "1.0.0", "10.1.2.3", null, null);
}
