using EnterpriseDistrib.Agent.Installers;
using EnterpriseDistrib.Agent.Rollouts;
using EnterpriseDistrib.Agent.ServerApi;
using Microsoft.Extensions.Time.Testing;

namespace EnterpriseDistrib.Agent.Tests.Rollouts;

public sealed class InstallScheduleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // 22:00-05:00 in Paris (UTC+1 on these dates): a night window crossing midnight.
    private static readonly InstallWindow Night = new(new TimeOnly(22, 0), new TimeOnly(5, 0));
    private static readonly TimeZoneInfo Paris = SiteTimeZones.Resolve("Europe/Paris");

    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    private static Assignment Assigned(InstallWindow? window, string? zone = "Europe/Paris") => new(
        Guid.NewGuid(), "night-rollout", Guid.NewGuid(), Guid.NewGuid(), "1.0", new string('a', 40), 1,
        new AssignmentInstall(InstallerKind.Script, "install.sh", null, null, null, 60, null), null, "/t", null, window, zone);

    [Theory]
    [InlineData(21, 0)]  // 22:00 in Paris: the start is inside
    [InlineData(23, 30)] // 00:30 in Paris, after midnight
    [InlineData(3, 59)]  // 04:59 in Paris
    public void Inside_a_window_that_crosses_midnight_there_is_nothing_to_wait_for(int hour, int minute)
    {
        var day = hour < 12 ? 30 : 29;

        Assert.Null(InstallSchedule.NextOpening(Night, Paris, Utc(day, hour, minute)));
    }

    [Theory]
    [InlineData(4, 0, 21, 0)]   // 05:00 in Paris: the end is outside; opens the same evening
    [InlineData(12, 0, 21, 0)]  // 13:00 in Paris
    [InlineData(20, 59, 21, 0)] // 21:59 in Paris: a minute to go
    public void Outside_the_window_it_opens_at_the_next_start_in_the_sites_time_zone(int hour, int minute, int opensHour, int opensMinute)
    {
        Assert.Equal(Utc(30, opensHour, opensMinute), InstallSchedule.NextOpening(Night, Paris, Utc(30, hour, minute)));
    }

    [Fact]
    public async Task The_install_waits_on_the_clock_until_the_window_opens_and_says_when()
    {
        var clock = new FakeTimeProvider(Utc(30, 12));
        var announced = new List<DateTimeOffset>();

        var wait = InstallSchedule.WaitAsync(Assigned(Night), clock, announced.Add, CancellationToken.None);

        Assert.Equal([Utc(30, 21)], announced);
        clock.Advance(TimeSpan.FromHours(9) - TimeSpan.FromSeconds(1));
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await wait.WaitAsync(Patience);
        Assert.Single(announced);
    }

    [Fact]
    public async Task Without_a_window_or_inside_it_the_install_goes_ahead_at_once()
    {
        var clock = new FakeTimeProvider(Utc(30, 12));
        var announced = new List<DateTimeOffset>();

        await InstallSchedule.WaitAsync(Assigned(null), clock, announced.Add, CancellationToken.None).WaitAsync(Patience);
        await InstallSchedule.WaitAsync(Assigned(new InstallWindow(new TimeOnly(12, 0), new TimeOnly(14, 0)), null), clock, announced.Add, CancellationToken.None)
            .WaitAsync(Patience);

        Assert.Empty(announced);
    }

    [Fact]
    public async Task Waiting_for_the_window_ends_when_the_assignment_is_cancelled()
    {
        var clock = new FakeTimeProvider(Utc(30, 12));
        using var cancellation = new CancellationTokenSource();

        var wait = InstallSchedule.WaitAsync(Assigned(Night), clock, null, cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(Patience));
    }
}
