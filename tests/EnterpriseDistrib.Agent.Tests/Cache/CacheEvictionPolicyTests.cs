using EnterpriseDistrib.Agent.Cache;

namespace EnterpriseDistrib.Agent.Tests.Cache;

public sealed class CacheEvictionPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static CachedPackage Package(char id, long size, int hoursAgo, DateTimeOffset? installedAt = null) =>
        new(new string(id, 40), "pkg-" + id, size, Now.AddHours(-hoursAgo), Complete: true, InstalledAt: installedAt);

    [Fact]
    public void A_package_that_fits_evicts_nothing()
    {
        var plan = CacheEvictionPolicy.Admit([Package('a', 300, 5)], new HashSet<string>(), quota: 1000, new string('n', 40), 700);

        Assert.True(plan.Accepted);
        Assert.Empty(plan.Evict);
    }

    [Fact]
    public void The_least_recently_used_packages_go_first_and_only_as_many_as_needed()
    {
        var cached = new[] { Package('a', 300, 1), Package('b', 300, 10), Package('c', 300, 5) };

        var plan = CacheEvictionPolicy.Admit(cached, new HashSet<string>(), quota: 1000, new string('n', 40), 500);

        Assert.True(plan.Accepted);
        Assert.Equal([new string('b', 40), new string('c', 40)], plan.Evict.Select(p => p.InfoHash));
    }

    [Fact]
    public void A_package_an_active_assignment_needs_is_never_evicted()
    {
        var cached = new[] { Package('a', 400, 1), Package('b', 400, 10) };

        var plan = CacheEvictionPolicy.Admit(cached, new HashSet<string> { new('b', 40) }, quota: 1000, new string('n', 40), 500);

        Assert.Equal([new string('a', 40)], plan.Evict.Select(p => p.InfoHash));
    }

    [Fact]
    public void A_package_larger_than_the_quota_is_refused_with_the_sizes_in_the_reason()
    {
        var plan = CacheEvictionPolicy.Admit([Package('a', 10, 1)], new HashSet<string>(), quota: 1000, new string('n', 40), 1001);

        Assert.False(plan.Accepted);
        Assert.Empty(plan.Evict);
        Assert.StartsWith("Refused:", plan.RefusedBecause, StringComparison.Ordinal);
        Assert.Contains("1,001", plan.RefusedBecause, StringComparison.Ordinal);
        Assert.Contains("1,000", plan.RefusedBecause, StringComparison.Ordinal);
        Assert.Null(plan.WaitingBecause);
    }

    [Fact]
    public void A_package_that_fits_only_by_evicting_needed_packages_waits_and_evicts_nothing()
    {
        var cached = new[] { Package('a', 600, 1), Package('b', 100, 10) };

        var plan = CacheEvictionPolicy.Admit(cached, new HashSet<string> { new('a', 40) }, quota: 1000, new string('n', 40), 500);

        Assert.False(plan.Accepted);
        Assert.Null(plan.RefusedBecause);
        Assert.NotNull(plan.WaitingBecause);
        Assert.Empty(plan.Evict);
    }

    [Fact]
    public void The_package_being_admitted_does_not_count_against_itself()
    {
        var plan = CacheEvictionPolicy.Admit([Package('n', 900, 1)], new HashSet<string>(), quota: 1000, new string('n', 40), 900);

        Assert.True(plan.Accepted);
        Assert.Empty(plan.Evict);
    }

    [Fact]
    public void Installed_packages_expire_after_the_retention_period_unless_an_assignment_still_needs_them()
    {
        var cached = new[]
        {
            Package('a', 1, 200, installedAt: Now.AddDays(-8)),
            Package('b', 1, 200, installedAt: Now.AddDays(-6)),
            Package('c', 1, 200, installedAt: Now.AddDays(-9)),
        };

        var expired = CacheEvictionPolicy.Expired(cached, new HashSet<string> { new('c', 40) }, Now, TimeSpan.FromDays(7));

        Assert.Equal([new string('a', 40)], expired.Select(p => p.InfoHash));
    }
}
