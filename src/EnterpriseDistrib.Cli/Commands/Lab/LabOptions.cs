namespace EnterpriseDistrib.Cli.Commands.Lab;

/// <summary>The shape of one lab run: how many offices, endpoints and bytes, and where it keeps its files.</summary>
internal sealed record LabOptions(int Sites, int AgentsPerSite, long PackageBytes, string DataFolder, bool Keep, TimeSpan Timeout, string? ReportFile = null)
{
    public const int MaxSites = 20;
    public const int MaxAgentsPerSite = 50;

    /// <summary>Site <paramref name="site"/> (1-based) owns 127.{site}.0.0/16; its agents take 127.{site}.0.1, .2, …</summary>
    public static string RangeOf(int site) => $"127.{site}.0.0/16";

    public static string AddressOf(int site, int agent) => $"127.{site}.0.{agent}";

    public static string SiteName(int site) => $"Office {site:D2}";

    public IEnumerable<string> Problems()
    {
        if (Sites is < 1 or > MaxSites)
        {
            yield return $"--sites must be between 1 and {MaxSites}.";
        }

        if (AgentsPerSite is < 1 or > MaxAgentsPerSite)
        {
            yield return $"--agents-per-site must be between 1 and {MaxAgentsPerSite}.";
        }

        if (PackageBytes < 1)
        {
            yield return "--size must be at least one byte.";
        }
    }
}
