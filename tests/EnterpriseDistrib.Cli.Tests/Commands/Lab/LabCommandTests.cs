using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EnterpriseDistrib.Cli.Tests.Commands.Lab;

/// <summary>The whole product on one machine: a server, 3 offices of 4 agent processes, a 64 MiB package.</summary>
public sealed partial class LabCommandTests : IDisposable
{
    private const long PackageBytes = 64L * 1024 * 1024;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("edist-lab-test-");

    [Fact]
    public async Task Every_agent_installs_the_package_each_office_fetches_it_about_once_and_the_report_matches_the_agents_counts()
    {
        var data = Path.Combine(_folder.FullName, "lab");
        var reportFile = Path.Combine(_folder.FullName, "report.json");

        var lab = await EdistProcess.RunAsync(TimeSpan.FromMinutes(8),
            "lab", "--sites", "3", "--agents-per-site", "4", "--size", "64MiB", "--data", data, "--report-json", reportFile, "--timeout-minutes", "6");

        Assert.True(lab.ExitCode == 0, $"edist lab exited {lab.ExitCode}\n{lab.Output}\n{lab.Error}");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(reportFile));
        var rows = report.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        foreach (var row in rows)
        {
            var site = row.GetProperty("siteName").GetString();
            Assert.Equal(4, row.GetProperty("agentsFinished").GetInt32());
            Assert.True(row.GetProperty("totalBytes").GetInt64() >= 4 * PackageBytes, $"{site} received {row.GetProperty("totalBytes")} bytes in all");
            Assert.True(row.GetProperty("wanBytes").GetInt64() <= PackageBytes * 5 / 4, $"{site}: {row.GetProperty("wanBytes")} WAN bytes for a {PackageBytes}-byte package");
        }

        Assert.Equal(await AgentsCountedAsync(data), report.RootElement.GetProperty("totalBytes").GetInt64());
        Assert.Contains("Installed", await File.ReadAllTextAsync(Path.Combine(data, "agents", "site01-agent01", "agent.log")), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>Bytes every agent received from its sources, as each agent logged them with its final download report.</summary>
    private static async Task<long> AgentsCountedAsync(string data)
    {
        long total = 0;
        foreach (var log in Directory.EnumerateFiles(Path.Combine(data, "agents"), "agent.log", SearchOption.AllDirectories))
        {
            var received = ReceivedPattern().Matches(await File.ReadAllTextAsync(log));
            Assert.True(received.Count == 1, $"{log} logs {received.Count} verified downloads");
            total += long.Parse(received[0].Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return total;
    }

    [GeneratedRegex(@"\((\d+) received from its sources, as reported\)")]
    private static partial Regex ReceivedPattern();
}
