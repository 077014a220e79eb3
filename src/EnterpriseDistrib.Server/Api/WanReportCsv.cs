using System.Globalization;
using System.Text;
using EnterpriseDistrib.Catalog.Reports;

namespace EnterpriseDistrib.Server.Api;

/// <summary>The WAN-savings report as RFC 4180 CSV, one line per rollout and site, for spreadsheets.</summary>
public static class WanReportCsv
{
    public const string Header =
        "rollout_id,rollout,package_id,package,version,package_bytes,site_id,site,agents,agents_finished," +
        "same_site_bytes,other_site_bytes,origin_bytes,total_bytes,wan_bytes,savings,wan_copies,seconds_to_complete";

    public static string Write(WanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var row in report.Rows)
        {
            string[] fields =
            [
                row.RolloutId.ToString(), Quote(row.RolloutName), row.PackageId.ToString(), Quote(row.PackageName), Quote(row.VersionLabel),
                Number(row.PackageSize), row.SiteId?.ToString() ?? "", Quote(row.SiteName), Number(row.Agents), Number(row.AgentsFinished),
                Number(row.SameSiteBytes), Number(row.OtherSiteBytes), Number(row.OriginBytes), Number(row.TotalBytes), Number(row.WanBytes),
                row.Savings.ToString("0.######", CultureInfo.InvariantCulture), row.WanCopies.ToString("0.######", CultureInfo.InvariantCulture),
                row.TimeToComplete?.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) ?? "",
            ];
            csv.AppendJoin(',', fields).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    // A leading = + - @ would make a spreadsheet evaluate an admin-chosen name as a formula: prefix a quote.
    private static string Quote(string text)
    {
        var safe = text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
