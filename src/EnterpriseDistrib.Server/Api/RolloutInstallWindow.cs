using EnterpriseDistrib.Catalog.Rollouts;

namespace EnterpriseDistrib.Server.Api;

/// <summary>
/// A rollout's daily install window as the API reads and shows it: times of day ("22:00") in each agent's site time
/// zone; an end before the start spans midnight. Agents download as soon as their wave opens and install only inside it.
/// </summary>
public sealed record RolloutInstallWindow(string? Start, string? End)
{
    internal InstallWindow? Validate(Validation validation)
    {
        var startValid = TimeOfDayText.TryParse(Start, out var start);
        var endValid = TimeOfDayText.TryParse(End, out var end);
        validation
            .Check(startValid, "installWindow.start", "installWindow.start must be a time of day such as 22:00 (24-hour clock, each agent's site time zone).")
            .Check(endValid, "installWindow.end", "installWindow.end must be a time of day such as 05:00 (24-hour clock, each agent's site time zone).")
            .Check(!startValid || !endValid || start != end, "installWindow.end",
                "installWindow.end must differ from start (an end before the start spans midnight); omit installWindow to install as soon as downloaded.");
        return startValid && endValid && start != end ? new InstallWindow(start, end) : null;
    }

    internal static RolloutInstallWindow? From(TimeOnly? start, TimeOnly? end) =>
        start is { } s && end is { } e ? new RolloutInstallWindow(TimeOfDayText.Format(s), TimeOfDayText.Format(e)) : null;
}
