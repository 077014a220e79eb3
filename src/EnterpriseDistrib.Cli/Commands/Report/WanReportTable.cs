using System.Text.Json;
using EnterpriseDistrib.Cli.Terminal;

namespace EnterpriseDistrib.Cli.Commands.Report;

/// <summary>The WAN-savings report (the API's JSON) as a fixed-width table: one line per rollout and office, then the sums.</summary>
internal static class WanReportTable
{
    public static void Print(JsonElement report, TextWriter output)
    {
        output.WriteLine($"{"Package",-24} {"Version",-10} {"Office",-16} {"Agents",6} {"Same site",11} {"Other sites",11} {"Origin",11} {"Savings",8} {"WAN copies",10} {"Done in",8}");
        foreach (var row in report.GetProperty("rows").EnumerateArray())
        {
            var seconds = row.GetProperty("secondsToComplete");
            output.WriteLine(
                $"{Cut(row.GetProperty("packageName").GetString(), 24),-24} {Cut(row.GetProperty("versionLabel").GetString(), 10),-10} {Cut(row.GetProperty("siteName").GetString(), 16),-16} " +
                $"{row.GetProperty("agentsFinished").GetInt32()}/{row.GetProperty("agents").GetInt32(),-4} " +
                $"{ByteSize.Format(row.GetProperty("sameSiteBytes").GetInt64()),11} {ByteSize.Format(row.GetProperty("otherSiteBytes").GetInt64()),11} " +
                $"{ByteSize.Format(row.GetProperty("originBytes").GetInt64()),11} {row.GetProperty("savings").GetDouble(),8:P0} {row.GetProperty("wanCopies").GetDouble(),10:0.00} " +
                $"{(seconds.ValueKind == JsonValueKind.Number ? $"{seconds.GetDouble():0}s" : "-"),8}");
        }

        output.WriteLine(
            $"{"All",-24} {"",-10} {"",-16} {"",6} {ByteSize.Format(report.GetProperty("sameSiteBytes").GetInt64()),11} " +
            $"{ByteSize.Format(report.GetProperty("otherSiteBytes").GetInt64()),11} {ByteSize.Format(report.GetProperty("originBytes").GetInt64()),11} " +
            $"{report.GetProperty("savings").GetDouble(),8:P0}");
        if (report.GetProperty("truncated").GetBoolean())
        {
            output.WriteLine("(Only the newest 500 rollouts are shown: narrow the report with --rollout, --package or --from/--to.)");
        }
    }

    private static string Cut(string? text, int width) => text is null ? "" : text.Length <= width ? text : text[..(width - 1)] + "…";
}
