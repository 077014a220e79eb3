using System.Text.Json;
using EnterpriseDistrib.Cli.Commands.Report;
using EnterpriseDistrib.Cli.Tests.Publish;

namespace EnterpriseDistrib.Cli.Tests.Commands.Report;

public sealed class ReportCommandTests
{
    [Fact]
    public async Task Report_wan_reads_the_servers_report_in_each_format_with_a_development_token()
    {
        await using var server = await EdistServer.StartAsync();
        var url = server.BaseAddress.ToString();

        var csv = await EdistProcess.RunAsync("report", "wan", "--server", url, "--format", "csv");
        var json = await EdistProcess.RunAsync("report", "wan", "--server", url, "--format", "json");
        var table = await EdistProcess.RunAsync("report", "wan", "--server", url);

        Assert.True(csv.ExitCode == 0, csv.Error);
        Assert.StartsWith("rollout_id,rollout,", csv.Output, StringComparison.Ordinal);
        Assert.Equal(0, JsonDocument.Parse(json.Output).RootElement.GetProperty("totalBytes").GetInt64());
        Assert.Contains("Same site", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_date_range_is_the_servers_validation_message()
    {
        await using var server = await EdistServer.StartAsync();

        var result = await EdistProcess.RunAsync("report", "wan", "--server", server.BaseAddress.ToString(), "--from", "2027-01-02", "--to", "2027-01-01");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("from must be before to", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_shows_each_office_and_the_sums()
    {
        using var report = JsonDocument.Parse("""
            {"rows":[{"packageName":"Office 365 Apps for enterprise","versionLabel":"2411","siteName":"Paris","agents":4,"agentsFinished":4,
              "sameSiteBytes":3145728,"otherSiteBytes":0,"originBytes":1048576,"savings":0.75,"wanCopies":1.0,"secondsToComplete":42.0}],
             "sameSiteBytes":3145728,"otherSiteBytes":0,"originBytes":1048576,"savings":0.75,"truncated":true}
            """);
        using var output = new StringWriter();

        WanReportTable.Print(report.RootElement, output);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("Office 365 Apps for ent…", lines[1], StringComparison.Ordinal);
        Assert.Contains("4/4", lines[1], StringComparison.Ordinal);
        Assert.Contains("42s", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("All", lines[2], StringComparison.Ordinal);
        Assert.Contains("newest 500", lines[3], StringComparison.Ordinal);
    }
}
