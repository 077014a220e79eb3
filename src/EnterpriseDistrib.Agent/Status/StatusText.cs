using System.Globalization;
using System.Text;
using EnterpriseDistrib.Agent.Enrollment;
using EnterpriseDistrib.Agent.ServerApi;

namespace EnterpriseDistrib.Agent.Status;

/// <summary>Renders what <c>edist-agent status</c> prints for a person at the endpoint.</summary>
public static class StatusText
{
    public static string Format(string dataFolder, AgentIdentity? identity, bool enrolled, AgentStatusSnapshot? snapshot, IReadOnlyList<DownloadStatus>? downloads = null)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"Data folder:     {dataFolder}");
        text.AppendLine(invariant, $"Enrolled:        {(enrolled && identity is not null ? $"yes, agent {identity.AgentId}" : "no (run edist-agent enroll)")}");
        if (identity is not null)
        {
            text.AppendLine(invariant, $"Servers:         {string.Join(", ", identity.ServerUrls)}");
        }

        if (snapshot is null)
        {
            text.Append("Agent:           has not run yet (no status file)");
            return text.ToString();
        }

        text.AppendLine(invariant, $"State:           {snapshot.State} (written {snapshot.WrittenAt:u} by process {snapshot.ProcessId})");
        text.AppendLine(invariant, $"Server:          {snapshot.Server} {(snapshot.ServerReachable ? "reachable" : $"NOT reachable ({snapshot.ConsecutiveFailures} failed attempts)")}");
        text.AppendLine(invariant, $"Last heartbeat:  {(snapshot.LastHeartbeatAt is { } beat ? beat.ToString("u", invariant) : "never")}");
        if (snapshot.LastError is { } error)
        {
            text.AppendLine(invariant, $"Last error:      {error}");
        }

        text.AppendLine(invariant, $"Next contact:    {(snapshot.NextContactAt is { } next ? next.ToString("u", invariant) : "-")}");
        text.AppendLine(invariant, $"Outbox:          {snapshot.OutboxDepth} report(s) waiting");
        text.Append(invariant, $"Assignments:     {snapshot.Assignments.Count}");
        foreach (var assignment in snapshot.Assignments)
        {
            text.AppendLine().Append(invariant, $"  - {assignment.RolloutName} ({assignment.RolloutId}): version {assignment.Version}, {assignment.TotalSize} bytes{(assignment.Deadline is { } d ? $", deadline {d:u}" : "")}");
        }

        AppendDownloads(text, downloads ?? []);
        return text.ToString();
    }

    /// <summary>The detail line of a downloaded package whose install waits for its rollout's window.</summary>
    public static string WaitingForInstallWindow(Assignment assignment, DateTimeOffset opens)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return string.Create(CultureInfo.InvariantCulture,
            $"Downloaded; waiting for the install window {assignment.InstallWindow} (site time {assignment.SiteTimeZone ?? "UTC"}), opens {opens.ToUniversalTime():u}");
    }

    private static void AppendDownloads(StringBuilder text, IReadOnlyList<DownloadStatus> downloads)
    {
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine().Append(invariant, $"Packages:        {downloads.Count}");
        foreach (var download in downloads)
        {
            var percent = download.TotalBytes > 0 ? download.VerifiedBytes * 100.0 / download.TotalBytes : 0;
            text.AppendLine().Append(invariant,
                $"  - {download.RolloutName} {download.Version}: {download.Stage}, {percent:0.0} % verified ({download.VerifiedBytes:N0} of {download.TotalBytes:N0} bytes), {download.Peers} peer(s), received {download.BytesReceived:N0}, sent {download.BytesSent:N0}");
            if (download.Detail is { } detail)
            {
                text.AppendLine().Append(invariant, $"      {detail}");
            }

            foreach (var source in download.Sources)
            {
                text.AppendLine().Append(invariant, $"      from {source.Source}: {source.Received:N0} bytes received, {source.Sent:N0} sent");
            }
        }
    }
}
