using EnterpriseDistrib.Agent.ServerApi;

namespace EnterpriseDistrib.Agent.Rollouts;

/// <summary>
/// When a pre-staged package may install: at once when its rollout has no install window, otherwise once the agent's
/// clock, read in the site's time zone, is inside the window. This is the one place that waits for it.
/// </summary>
public static class InstallSchedule
{
    /// <summary>
    /// Completes when the assignment may install. While it waits, <paramref name="waiting"/> hears when the window
    /// opens next (UTC), so the status can say so.
    /// </summary>
    public static async Task WaitAsync(Assignment assignment, TimeProvider time, Action<DateTimeOffset>? waiting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(time);
        cancellationToken.ThrowIfCancellationRequested();
        if (assignment.InstallWindow is not { } window)
        {
            return;
        }

        var zone = SiteTimeZones.Resolve(assignment.SiteTimeZone);

        // Checked again after every wait: a daylight-saving change can move the opening by an hour while we sleep.
        while (NextOpening(window, zone, time.GetUtcNow()) is { } opens)
        {
            waiting?.Invoke(opens);
            var delay = opens - time.GetUtcNow();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    /// <summary>Null when <paramref name="now"/> is inside the window; otherwise the next moment it opens.</summary>
    public static DateTimeOffset? NextOpening(InstallWindow window, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        if (window.Contains(TimeOnly.FromTimeSpan(local.TimeOfDay)))
        {
            return null;
        }

        var until = window.Start.ToTimeSpan() - local.TimeOfDay;
        if (until <= TimeSpan.Zero)
        {
            until += TimeSpan.FromDays(1);
        }

        return now + until;
    }
}
