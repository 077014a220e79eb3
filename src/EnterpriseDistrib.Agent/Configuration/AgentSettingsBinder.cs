using System.Collections;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace EnterpriseDistrib.Agent.Configuration;

/// <summary>
/// Reads <see cref="AgentSettings"/> from the <c>Agent</c> section of configuration: appsettings.json, then
/// <c>Agent__X</c> or <c>EDIST_AGENT_X</c> environment variables, then <c>--Agent:X=value</c> on the command line.
/// </summary>
public static class AgentSettingsBinder
{
    /// <summary>The configuration section holding the settings.</summary>
    public const string SectionName = "Agent";

    /// <summary>Prefix of the short environment variables (EDIST_AGENT_DATAFOLDER = Agent:DataFolder).</summary>
    public const string EnvironmentPrefix = "EDIST_AGENT_";

    /// <summary>Adds the agent's sources in precedence order (later wins).</summary>
    public static IConfigurationBuilder AddAgentSources(this IConfigurationBuilder builder, string baseDirectory, string[] commandLine, IDictionary? environment = null)
    {
        builder.AddJsonFile(Path.Combine(baseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        builder.AddInMemoryCollection(ShortEnvironment(environment ?? Environment.GetEnvironmentVariables()));
        builder.AddEnvironmentVariables();
        builder.AddCommandLine(commandLine);
        return builder;
    }

    /// <summary>Binds and validates; throws <see cref="AgentConfigurationException"/> listing every bad value.</summary>
    public static AgentSettings Bind(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var defaults = new AgentSettings();
        var problems = new List<string>();
        var settings = new AgentSettings
        {
            ServerUrls = Urls(section.GetSection("ServerUrls"), problems),
            DataFolder = section["DataFolder"] is { Length: > 0 } folder ? folder : defaults.DataFolder,
            BindAddress = Address(section["BindAddress"], problems),
            PeerPort = Number(section, "PeerPort", defaults.PeerPort, problems),
            HeartbeatInterval = Duration(section, "HeartbeatInterval", defaults.HeartbeatInterval, problems),
            Jitter = Fraction(section, "Jitter", defaults.Jitter, problems),
            PollInterval = Duration(section, "PollInterval", defaults.PollInterval, problems),
            BackoffInitial = Duration(section, "BackoffInitial", defaults.BackoffInitial, problems),
            BackoffMax = Duration(section, "BackoffMax", defaults.BackoffMax, problems),
            RequestAttempts = Number(section, "RequestAttempts", defaults.RequestAttempts, problems),
            RequestTimeout = Duration(section, "RequestTimeout", defaults.RequestTimeout, problems),
            StatusBatchSize = Number(section, "StatusBatchSize", defaults.StatusBatchSize, problems),
            CacheQuotaShare = Fraction(section, "CacheQuotaShare", defaults.CacheQuotaShare, problems),
            CacheQuotaBytes = Bytes(section, "CacheQuotaBytes", problems),
            CacheRetention = Duration(section, "CacheRetention", defaults.CacheRetention, problems),
            DownloadRateLimit = Bytes(section, "DownloadRateLimit", problems),
            UploadRateLimit = Bytes(section, "UploadRateLimit", problems),
            BusinessHoursStart = TimeOfDay(section, "BusinessHoursStart", problems),
            BusinessHoursEnd = TimeOfDay(section, "BusinessHoursEnd", problems),
            BusinessHoursDownloadRateLimit = Bytes(section, "BusinessHoursDownloadRateLimit", problems),
            BusinessHoursUploadRateLimit = Bytes(section, "BusinessHoursUploadRateLimit", problems),
            InstallAttempts = Number(section, "InstallAttempts", defaults.InstallAttempts, problems),
            DefaultInstallTimeout = Duration(section, "DefaultInstallTimeout", defaults.DefaultInstallTimeout, problems),
            ProgressReportInterval = Duration(section, "ProgressReportInterval", defaults.ProgressReportInterval, problems),
        };
        if (problems.Count > 0)
        {
            throw new AgentConfigurationException(problems);
        }

        return settings.Validate();
    }

    /// <summary>Parses a list of server URLs separated by ';' or ','.</summary>
    public static IReadOnlyList<Uri> ParseUrls(string text, List<string> problems)
    {
        var urls = new List<Uri>();
        foreach (var part in text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate(part.EndsWith('/') ? part : part + "/", UriKind.Absolute, out var url) &&
                (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
            {
                urls.Add(url);
            }
            else
            {
                problems.Add($"Server URL '{part}' must be an absolute http:// or https:// URL.");
            }
        }

        return urls;
    }

    /// <summary>Parses a bind address; only IPv4 and IPv6 literals are accepted (a name could resolve elsewhere).</summary>
    public static IPAddress? Address(string? text, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (IPAddress.TryParse(text.Trim(), out var address))
        {
            return address;
        }

        problems.Add($"BindAddress '{text}' must be an IP address such as 127.0.0.2.");
        return null;
    }

    // A single value may hold several URLs ("a;b"); array children (ServerUrls:0, :1) are read in order.
    private static IReadOnlyList<Uri> Urls(IConfigurationSection section, List<string> problems)
    {
        var texts = section.Value is { Length: > 0 } single
            ? [single]
            : section.GetChildren().OrderBy(c => int.TryParse(c.Key, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue).Select(c => c.Value ?? "");
        return [.. texts.SelectMany(t => ParseUrls(t, problems))];
    }

    private static int Number(IConfigurationSection section, string key, int fallback, List<string> problems)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{key} '{text}' must be a whole number.");
        return fallback;
    }

    private static long Bytes(IConfigurationSection section, string key, List<string> problems)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{key} '{text}' must be a whole number of bytes.");
        return 0;
    }

    private static TimeSpan? TimeOfDay(IConfigurationSection section, string key, List<string> problems)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var time))
        {
            return time;
        }

        problems.Add($"{key} '{text}' must be a time of day such as 08:00.");
        return null;
    }

    private static double Fraction(IConfigurationSection section, string key, double fallback, List<string> problems)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add($"{key} '{text}' must be a number such as 0.2.");
        return fallback;
    }

    // Durations are TimeSpan text ("00:05:00") or a number of seconds ("300").
    private static TimeSpan Duration(IConfigurationSection section, string key, TimeSpan fallback, List<string> problems)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and < 1e9)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }

        problems.Add($"{key} '{text}' must be a duration such as 00:05:00 or a number of seconds.");
        return fallback;
    }

    private static Dictionary<string, string?> ShortEnvironment(IDictionary environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string name && name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > EnvironmentPrefix.Length)
            {
                values[SectionName + ":" + name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = entry.Value as string;
            }
        }

        return values;
    }
}
