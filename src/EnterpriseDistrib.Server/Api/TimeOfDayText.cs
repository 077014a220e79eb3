using System.Globalization;

namespace EnterpriseDistrib.Server.Api;

/// <summary>Times of day as admins write them in the API ("08:00", "17:30", seconds optional), 24-hour clock.</summary>
internal static class TimeOfDayText
{
    private static readonly string[] Formats = ["HH:mm", "HH:mm:ss", "H:mm", "H:mm:ss"];

    public static bool TryParse(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static string Format(TimeOnly time) =>
        time.Second == 0 ? time.ToString("HH:mm", CultureInfo.InvariantCulture) : time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
