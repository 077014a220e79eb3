using System.Net;

namespace EnterpriseDistrib.Server.Api;

/// <summary>Checks a status request field by field; every report is validated before any is accepted.</summary>
internal static class StatusReportValidation
{
    public static Validation Validate(StatusReportsRequest? request, int maxReports)
    {
        var validation = new Validation();
        if (request?.Reports is not { } reports)
        {
            return validation.Add("reports", "reports is required (a list of status reports).");
        }

        validation.Check(reports.Count is > 0, "reports", "reports must hold at least one report.")
            .Check(reports.Count <= maxReports, "reports", $"At most {maxReports} reports per request; send the rest in another request.");
        for (var i = 0; i < reports.Count && validation.IsValid; i++)
        {
            var report = reports[i];
            var field = $"reports[{i}]";
            if (report is null)
            {
                validation.Add(field, "A report must not be null.");
                continue;
            }

            validation
                .Check(report.RolloutId != Guid.Empty, $"{field}.rolloutId", "rolloutId is required.")
                .Check(report.Sequence > 0, $"{field}.sequence", "sequence must be a positive, increasing counter of this agent's reports.")
                .Check(report.State is not null && Enum.IsDefined(report.State.Value), $"{field}.state",
                    "state must be one of Pending, Downloading, Downloaded, Installing, Succeeded, SucceededRebootRequired, Failed, Skipped.")
                .Check(report.ProgressPercent is >= 0 and <= 100, $"{field}.progressPercent", "progressPercent must be between 0 and 100.")
                .Check(report.BytesDownloaded >= 0, $"{field}.bytesDownloaded", "bytesDownloaded must not be negative.")
                .Check(report.Error is null || report.Error.Length <= 4000, $"{field}.error", "error must be at most 4000 characters.")
                .Check(report.Transfers is null or { Count: <= 1000 }, $"{field}.transfers", "At most 1000 transfer totals per report.");
            foreach (var transfer in report.Transfers ?? [])
            {
                validation
                    .Check(transfer is not null && (transfer.SourceAddress is not null || (transfer.SourceClass is { } sourceClass && Enum.IsDefined(sourceClass))), $"{field}.transfers",
                        "Each transfer needs a peer's sourceAddress or a sourceClass SameSite, OtherSite or Origin.")
                    .Check(transfer?.SourceAddress is null || (transfer.SourceAddress.Length <= 64 && IPAddress.TryParse(transfer.SourceAddress, out _)), $"{field}.transfers",
                        "sourceAddress must be an IPv4 or IPv6 address.")
                    .Check(transfer is null || transfer.Bytes >= 0, $"{field}.transfers", "Transfer bytes must not be negative.");
            }
        }

        return validation;
    }
}
