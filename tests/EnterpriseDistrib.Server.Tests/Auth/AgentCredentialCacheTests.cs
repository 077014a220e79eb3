using EnterpriseDistrib.Server.Auth;
using EnterpriseDistrib.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace EnterpriseDistrib.Server.Tests.Auth;

public sealed class AgentCredentialCacheTests
{
    private static AgentCredentialCache Create(FakeTimeProvider clock, string? seconds = null) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:AgentCredentialCacheSeconds"] = seconds }).Build(), clock);

    [Fact]
    public void A_remembered_credential_is_forgotten_after_its_lifetime()
    {
        var clock = new FakeTimeProvider();
        using var cache = Create(clock);
        cache.Remember("edag_a", new AgentIdentity(Guid.NewGuid(), null, "pc"));

        Assert.True(cache.TryGet("edag_a", out _));
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.False(cache.TryGet("edag_a", out _));
    }

    [Fact]
    public void Clearing_forgets_every_credential_at_once()
    {
        using var cache = Create(new FakeTimeProvider());
        cache.Remember("edag_a", new AgentIdentity(Guid.NewGuid(), null, "a"));
        cache.Remember("edag_b", new AgentIdentity(Guid.NewGuid(), null, "b"));

        cache.Clear();

        Assert.False(cache.TryGet("edag_a", out _));
        Assert.False(cache.TryGet("edag_b", out _));
    }

    [Fact]
    public void A_lifetime_of_zero_turns_the_cache_off()
    {
        using var cache = Create(new FakeTimeProvider(), "0");
        cache.Remember("edag_a", new AgentIdentity(Guid.NewGuid(), null, "pc"));
        Assert.False(cache.TryGet("edag_a", out _));
    }

    [Fact]
    public void An_out_of_range_lifetime_is_a_configuration_error()
    {
        var error = Assert.Throws<ServerConfigurationException>(() => Create(new FakeTimeProvider(), "600"));
        Assert.Contains("Auth:AgentCredentialCacheSeconds", error.Message, StringComparison.Ordinal);
    }
}
