using System.Text.Json;
using EnterpriseDistrib.Cli.Terminal;

namespace EnterpriseDistrib.Cli.Commands.Lab;

/// <summary>The lab's closing table: per office, where the bytes came from and how often the package crossed its WAN link.</summary>
internal static class LabReportView
{
    public static void Print(JsonElement report, TimeSpan total)
    {
        Console.WriteLine();
        Console.WriteLine("WAN savings per office (bytes as the agents counted them)");
        Console.WriteLine($"  {"Office",-12} {"Agents",6} {"Same site",11} {"Other sites",11} {"Origin",11} {"Savings",8} {"WAN copies",10} {"Done in",8}");
        foreach (var row in report.GetProperty("rows").EnumerateArray().OrderBy(r => r.GetProperty("siteName").GetString(), StringComparer.Ordinal))
        {
            var seconds = row.GetProperty("secondsToComplete");
            Console.WriteLine(
                $"  {row.GetProperty("siteName").GetString(),-12} {row.GetProperty("agents").GetInt32(),6} " +
                $"{ByteSize.Format(row.GetProperty("sameSiteBytes").GetInt64()),11} {ByteSize.Format(row.GetProperty("otherSiteBytes").GetInt64()),11} " +
                $"{ByteSize.Format(row.GetProperty("originBytes").GetInt64()),11} {row.GetProperty("savings").GetDouble(),8:P0} " +
                $"{row.GetProperty("wanCopies").GetDouble(),10:0.00} {(seconds.ValueKind == JsonValueKind.Number ? $"{seconds.GetDouble():0}s" : "-"),8}");
        }

        Console.WriteLine(
            $"  {"All",-12} {"",6} {ByteSize.Format(report.GetProperty("sameSiteBytes").GetInt64()),11} {ByteSize.Format(report.GetProperty("otherSiteBytes").GetInt64()),11} " +
            $"{ByteSize.Format(report.GetProperty("originBytes").GetInt64()),11} {report.GetProperty("savings").GetDouble(),8:P0}");
        Console.WriteLine($"Total time: {total:mm\\:ss}");
    }
}
