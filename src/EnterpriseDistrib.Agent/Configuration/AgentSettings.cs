using System.Net;

namespace EnterpriseDistrib.Agent.Configuration;

/// <summary>
/// Everything the agent is told from outside (appsettings.json, environment, command line), checked once by
/// <see cref="Validate"/> so the rest of the agent never meets a half-valid value.
/// </summary>
public sealed record AgentSettings
{
    /// <summary>Server base URLs in order of preference; a call that cannot reach one moves on to the next.</summary>
    public IReadOnlyList<Uri> ServerUrls { get; init; } = [];

    /// <summary>The agent's own folder: credential, identity, outbox, status file, later the package cache.</summary>
    public string DataFolder { get; init; } = DefaultDataFolder();

    /// <summary>Local address every outgoing connection leaves from (null = the OS chooses); see CORRECTIONS.md "bind".</summary>
    public IPAddress? BindAddress { get; init; }

    /// <summary>Port of the peer listener (0 = any free port).</summary>
    public int PeerPort { get; init; } = 6881;

    /// <summary>Heartbeat period when the server gives none.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Share of a period added or removed at random, so thousands of agents do not call in together.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>Period of assignment polling and outbox delivery.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>First wait after a failed call; doubles on each failure up to <see cref="BackoffMax"/>.</summary>
    public TimeSpan BackoffInitial { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between attempts during an outage.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Rounds over the whole server list one API call makes before it reports the servers unavailable.</summary>
    public int RequestAttempts { get; init; } = 3;

    /// <summary>Bound on one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Status reports per POST (the server takes at most 500).</summary>
    public int StatusBatchSize { get; init; } = 100;

    /// <summary>Share of the data folder's disk the package cache may fill (0.2 = 20 %), used when <see cref="CacheQuotaBytes"/> is 0.</summary>
    public double CacheQuotaShare { get; init; } = 0.2;

    /// <summary>An absolute cache quota in bytes; 0 = use <see cref="CacheQuotaShare"/> of the disk.</summary>
    public long CacheQuotaBytes { get; init; }

    /// <summary>How long an installed package stays in the cache, seeding to site peers, after no assignment needs it.</summary>
    public TimeSpan CacheRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Download cap of the whole agent in bytes per second; 0 = unlimited.</summary>
    public long DownloadRateLimit { get; init; }

    /// <summary>Upload cap of the whole agent in bytes per second; 0 = unlimited.</summary>
    public long UploadRateLimit { get; init; }

    /// <summary>Start of business hours (local time of day); with <see cref="BusinessHoursEnd"/>, the business-hours caps apply inside.</summary>
    public TimeSpan? BusinessHoursStart { get; init; }

    public TimeSpan? BusinessHoursEnd { get; init; }

    /// <summary>Download cap during business hours in bytes per second; 0 = same as <see cref="DownloadRateLimit"/>.</summary>
    public long BusinessHoursDownloadRateLimit { get; init; }

    /// <summary>Upload cap during business hours in bytes per second; 0 = same as <see cref="UploadRateLimit"/>.</summary>
    public long BusinessHoursUploadRateLimit { get; init; }

    /// <summary>Installs of one rollout the agent starts before it gives up (an install killed with the agent counts as one).</summary>
    public int InstallAttempts { get; init; } = 3;

    /// <summary>Install time limit when the install spec gives none.</summary>
    public TimeSpan DefaultInstallTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Least time between two Downloading reports of one rollout (state changes are always reported).</summary>
    public TimeSpan ProgressReportInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Returns these settings when every value makes sense, otherwise throws with all problems listed.</summary>
    public AgentSettings Validate()
    {
        var problems = new List<string>();
        foreach (var url in ServerUrls)
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"Server URL '{url}' must be an absolute http:// or https:// URL.");
            }
        }

        Check(problems, !string.IsNullOrWhiteSpace(DataFolder), "DataFolder must name a folder.");
        Check(problems, PeerPort is >= 0 and <= 65535, "PeerPort must be between 0 and 65535.");
        Check(problems, HeartbeatInterval >= TimeSpan.FromSeconds(1), "HeartbeatInterval must be at least 1 second.");
        Check(problems, PollInterval >= TimeSpan.FromMilliseconds(100), "PollInterval must be at least 100 ms.");
        Check(problems, Jitter is >= 0 and < 1, "Jitter must be at least 0 and below 1 (a share of the period).");
        Check(problems, BackoffInitial > TimeSpan.Zero, "BackoffInitial must be positive.");
        Check(problems, BackoffMax >= BackoffInitial, "BackoffMax must be at least BackoffInitial.");
        Check(problems, RequestAttempts is >= 1 and <= 100, "RequestAttempts must be between 1 and 100.");
        Check(problems, RequestTimeout > TimeSpan.Zero, "RequestTimeout must be positive.");
        Check(problems, StatusBatchSize is >= 1 and <= 500, "StatusBatchSize must be between 1 and 500 (the server's limit).");
        Check(problems, CacheQuotaShare is > 0 and <= 1, "CacheQuotaShare must be above 0 and at most 1 (a share of the disk).");
        Check(problems, CacheQuotaBytes >= 0, "CacheQuotaBytes must not be negative.");
        Check(problems, CacheRetention >= TimeSpan.Zero, "CacheRetention must not be negative.");
        Check(problems, DownloadRateLimit >= 0 && UploadRateLimit >= 0, "DownloadRateLimit and UploadRateLimit must not be negative (0 = unlimited).");
        Check(problems, BusinessHoursDownloadRateLimit >= 0 && BusinessHoursUploadRateLimit >= 0, "Business-hours rate limits must not be negative (0 = the normal cap).");
        Check(problems, BusinessHoursStart.HasValue == BusinessHoursEnd.HasValue, "BusinessHoursStart and BusinessHoursEnd go together.");
        Check(problems, BusinessHoursStart is null || (BusinessHoursStart >= TimeSpan.Zero && BusinessHoursStart < TimeSpan.FromDays(1) && BusinessHoursEnd >= TimeSpan.Zero && BusinessHoursEnd <= TimeSpan.FromDays(1)), "Business hours must be times of day such as 08:00 and 18:00.");
        Check(problems, InstallAttempts is >= 1 and <= 100, "InstallAttempts must be between 1 and 100.");
        Check(problems, DefaultInstallTimeout > TimeSpan.Zero, "DefaultInstallTimeout must be positive.");
        Check(problems, ProgressReportInterval >= TimeSpan.Zero, "ProgressReportInterval must not be negative.");
        if (problems.Count > 0)
        {
            throw new AgentConfigurationException(problems);
        }

        return this with { DataFolder = Path.GetFullPath(DataFolder) };
    }

    private static void Check(List<string> problems, bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }

    private static string DefaultDataFolder() => OperatingSystem.IsWindows()
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "EnterpriseDistrib", "Agent")
        : "/var/lib/edist-agent";
}
