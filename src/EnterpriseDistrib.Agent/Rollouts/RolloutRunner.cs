using System.Text.Json;
using EnterpriseDistrib.Agent.Cache;
using EnterpriseDistrib.Agent.Configuration;
using EnterpriseDistrib.Agent.Downloads;
using EnterpriseDistrib.Agent.Installers;
using EnterpriseDistrib.Agent.Outbox;
using EnterpriseDistrib.Agent.ServerApi;
using EnterpriseDistrib.Agent.Status;
using EnterpriseDistrib.Torrent.Metainfo;
using EnterpriseDistrib.Torrent.Swarm;
using Microsoft.Extensions.Logging;

namespace EnterpriseDistrib.Agent.Rollouts;

/// <summary>
/// Carries one assignment through its life: detection, cache admission, download and verification in the swarm
/// (pre-staged as soon as the assignment appears), install when allowed, report — every stage change journaled
/// first and reported through the durable outbox. The package keeps seeding afterwards.
/// </summary>
public sealed partial class RolloutRunner(
    AgentSettings settings,
    AgentApiClient client,
    OutboxSender outbox,
    RolloutJournal journal,
    PackageCache cache,
    SwarmHost swarm,
    InstallerRunner installer,
    TimeProvider time,
    ILogger<RolloutRunner> logger)
{
    /// <summary>Runs the assignment to a final stage (or until cancelled); <paramref name="publish"/> receives progress for the status file.</summary>
    public async Task RunAsync(Assignment assignment, Func<IReadOnlySet<string>> needed, Action<DownloadStatus> publish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var record = await journal.LoadAsync(assignment.RolloutId, cancellationToken)
            ?? new RolloutRecord(assignment.RolloutId, assignment.InfoHash, RolloutStage.New, 0, time.GetUtcNow());
        void Show(string stage, string? detail, TorrentSession? session = null) => publish(Describe(assignment, stage, detail, session));

        if (record.IsFinal)
        {
            // Done before a restart: not redone, not re-reported; the package seeds again if it is still cached.
            if (await OpenCachedAsync(assignment, cancellationToken) is { } seeding)
            {
                Show(record.Stage.ToString(), record.Detail, seeding);
            }
            else
            {
                Show(record.Stage.ToString(), record.Detail);
            }

            return;
        }

        if (record.Stage == RolloutStage.Installing)
        {
            await ReportAsync(RolloutReports.Interrupted(assignment.RolloutId, record.InstallAttempts, settings.InstallAttempts), cancellationToken);
            if (record.InstallAttempts >= settings.InstallAttempts)
            {
                var why = $"Interrupted {record.InstallAttempts} time(s); no attempts left (Agent:InstallAttempts = {settings.InstallAttempts}).";
                await FinishAsync(record, RolloutStage.InstallFailed, why, RolloutReports.InstallFailed(assignment.RolloutId, assignment.TotalSize, null, why), cancellationToken);
                Show(nameof(RolloutStage.InstallFailed), why);
                return;
            }
        }

        var instruction = InstallSpecReader.Instruction(assignment.Install, settings.DefaultInstallTimeout);
        string? detectionNote = null;
        if (ReadDetection(assignment) is { } rule)
        {
            var detection = DetectionEvaluator.Evaluate(rule);
            if (detection.Installed)
            {
                await FinishAsync(record, RolloutStage.Skipped, detection.Reason, RolloutReports.Skipped(assignment.RolloutId, detection.Reason), cancellationToken);
                Show(nameof(RolloutStage.Skipped), detection.Reason);
                return;
            }

            detectionNote = detection.Evaluated ? null : detection.Reason;
            LogDetection(logger, assignment.RolloutName, detection.Reason);
        }

        var metainfo = await TorrentAsync(assignment, cancellationToken);
        var plan = await AdmitAsync(assignment, metainfo, needed(), cancellationToken);
        if (plan.RefusedBecause is { } refused)
        {
            await FinishAsync(record, RolloutStage.Refused, refused, RolloutReports.Refused(assignment.RolloutId, refused), cancellationToken);
            Show(nameof(RolloutStage.Refused), refused);
            return;
        }

        if (plan.WaitingBecause is { } waiting)
        {
            Show("WaitingForCache", waiting);
            throw new CacheFullException(waiting);
        }

        var session = await swarm.OpenAsync(metainfo, cache.ContentFolder(assignment.InfoHash), AnnounceUrl(assignment), cancellationToken);
        // A package journaled as downloaded is downloaded again if its files no longer verify (changed or deleted on disk).
        if (record.Stage < RolloutStage.Downloaded || !session.Completion.IsCompleted)
        {
            record = await DownloadAsync(assignment, record, session, s => Show(nameof(RolloutStage.Downloading), detectionNote, s), cancellationToken);
        }

        // Pre-staged: the package is verified and seeding; the install waits for the rollout's window (stage stays Downloaded).
        await InstallSchedule.WaitAsync(
            assignment,
            time,
            opens => Show(nameof(RolloutStage.Downloaded), StatusText.WaitingForInstallWindow(assignment, opens), session),
            cancellationToken);
        await InstallAsync(assignment, record, instruction, metainfo, session, Show, cancellationToken);
    }

    private async Task<RolloutRecord> DownloadAsync(Assignment assignment, RolloutRecord record, TorrentSession session, Action<TorrentSession> show, CancellationToken cancellationToken)
    {
        if (record.Stage != RolloutStage.Downloading)
        {
            record = record with { Stage = RolloutStage.Downloading, UpdatedAt = time.GetUtcNow() };
            await journal.SaveAsync(record, cancellationToken);
        }

        var lastReport = long.MinValue;
        while (!session.Completion.IsCompleted)
        {
            show(session);
            var now = time.GetTimestamp();
            if (lastReport == long.MinValue || time.GetElapsedTime(lastReport, now) >= settings.ProgressReportInterval)
            {
                lastReport = now;
                var progress = session.Progress;
                await ReportAsync(RolloutReports.Downloading(assignment.RolloutId, progress.VerifiedBytes, progress.TotalBytes, Transfers(session)), cancellationToken);
            }

            await Task.WhenAny(session.Completion, Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }

        await session.Completion;
        show(session);
        await cache.UpdateAsync(assignment.InfoHash, p => p with { Complete = true, LastUsedAt = time.GetUtcNow() }, cancellationToken);
        record = record with { Stage = RolloutStage.Downloaded, UpdatedAt = time.GetUtcNow() };
        await journal.SaveAsync(record, cancellationToken);
        var transfers = Transfers(session);
        await ReportAsync(RolloutReports.Downloaded(assignment.RolloutId, session.Metainfo.Layout.TotalLength, transfers), cancellationToken);
        LogDownloaded(logger, assignment.RolloutName, session.Metainfo.Layout.TotalLength, transfers.Sum(t => t.Bytes));
        return record;
    }

    private async Task InstallAsync(
        Assignment assignment, RolloutRecord record, InstallInstruction instruction, TorrentMetainfo metainfo, TorrentSession session,
        Action<string, string?, TorrentSession?> show, CancellationToken cancellationToken)
    {
        var attempt = record.InstallAttempts + 1;
        record = record with { Stage = RolloutStage.Installing, InstallAttempts = attempt, UpdatedAt = time.GetUtcNow() };
        await journal.SaveAsync(record, cancellationToken);
        await ReportAsync(RolloutReports.Installing(assignment.RolloutId, metainfo.Layout.TotalLength, attempt), cancellationToken);
        show(nameof(RolloutStage.Installing), $"attempt {attempt}", session);

        var contentRoot = metainfo.IsMultiFile ? Path.Combine(session.Directory, metainfo.Name) : session.Directory;
        var logs = Directory.CreateDirectory(Path.Combine(settings.DataFolder, "logs", assignment.RolloutId.ToString("N"))).FullName;
        InstallResult result;
        try
        {
            var commandLine = InstallCommandLine.For(instruction, contentRoot, logs, OperatingSystem.IsWindows());
            result = await installer.RunAsync(instruction, commandLine, contentRoot, cancellationToken);
        }
        catch (InvalidOperationException bad)
        {
            result = new InstallResult(InstallOutcome.Failed, null, TimeSpan.Zero, bad.Message);
        }

        var total = metainfo.Layout.TotalLength;
        await cache.UpdateAsync(assignment.InfoHash, p => p with { LastUsedAt = time.GetUtcNow(), InstalledAt = time.GetUtcNow() }, cancellationToken);
        var (stage, report, detail) = result.Outcome switch
        {
            InstallOutcome.Succeeded => (RolloutStage.Installed, RolloutReports.Installed(assignment.RolloutId, total, result.ExitCode, false), $"exit code {result.ExitCode}"),
            InstallOutcome.SucceededRebootRequired => (RolloutStage.RebootRequired, RolloutReports.Installed(assignment.RolloutId, total, result.ExitCode, true), $"exit code {result.ExitCode}: reboot required"),
            InstallOutcome.TimedOut => (RolloutStage.InstallFailed, RolloutReports.InstallFailed(assignment.RolloutId, total, null, "Install timed out. " + result.LogTail), $"timed out after {instruction.Timeout}"),
            _ => (RolloutStage.InstallFailed, RolloutReports.InstallFailed(assignment.RolloutId, total, result.ExitCode, $"Installer exit code {result.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}. Log tail:\n{result.LogTail}"), $"exit code {result.ExitCode}"),
        };
        await FinishAsync(record, stage, detail, report, cancellationToken);
        LogInstalled(logger, assignment.RolloutName, stage, result.ExitCode);
        show(stage.ToString(), detail, session);
    }

    private async Task<TorrentMetainfo> TorrentAsync(Assignment assignment, CancellationToken cancellationToken)
    {
        // Kept beside the content, so a restart seeds and resumes without asking the server again.
        var path = cache.TorrentFile(assignment.InfoHash);
        byte[] bytes;
        if (File.Exists(path))
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        else
        {
            bytes = await client.DownloadTorrentAsync(assignment.PackageVersionId, cancellationToken);
        }

        var metainfo = TorrentMetainfo.Parse(bytes);
        if (!string.Equals(metainfo.InfoHash.ToHex(), assignment.InfoHash, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(path);
            throw new InvalidTorrentException($"The server's torrent for {assignment.RolloutName} has info-hash {metainfo.InfoHash.ToHex()}, not the assigned {assignment.InfoHash}.");
        }

        if (!File.Exists(path))
        {
            await File.WriteAllBytesAsync(path, bytes, cancellationToken);
        }

        return metainfo;
    }

    private async Task<CachePlan> AdmitAsync(Assignment assignment, TorrentMetainfo metainfo, IReadOnlySet<string> needed, CancellationToken cancellationToken)
    {
        var cached = await cache.ListAsync(cancellationToken);
        var plan = CacheEvictionPolicy.Admit(cached, needed, cache.QuotaBytes, assignment.InfoHash.ToLowerInvariant(), metainfo.Layout.TotalLength);
        foreach (var evicted in plan.Accepted ? plan.Evict : [])
        {
            LogEvicted(logger, evicted.Name, evicted.Size);
            await swarm.RemoveAsync(InfoHash.ParseHex(evicted.InfoHash));
            await cache.RemoveAsync(evicted.InfoHash, cancellationToken);
        }

        if (plan.Accepted && !cached.Any(p => string.Equals(p.InfoHash, assignment.InfoHash, StringComparison.OrdinalIgnoreCase)))
        {
            await cache.PutAsync(
                new CachedPackage(assignment.InfoHash, metainfo.Name, metainfo.Layout.TotalLength, time.GetUtcNow(), AnnounceUrl: AnnounceUrl(assignment)?.AbsoluteUri), cancellationToken);
        }

        return plan;
    }

    private async Task<TorrentSession?> OpenCachedAsync(Assignment assignment, CancellationToken cancellationToken)
    {
        var cached = (await cache.ListAsync(cancellationToken)).FirstOrDefault(p => string.Equals(p.InfoHash, assignment.InfoHash, StringComparison.OrdinalIgnoreCase));
        if (cached is not { Complete: true } || !File.Exists(cache.TorrentFile(assignment.InfoHash)))
        {
            return null;
        }

        var metainfo = TorrentMetainfo.Parse(await File.ReadAllBytesAsync(cache.TorrentFile(assignment.InfoHash), cancellationToken));
        return await swarm.OpenAsync(metainfo, cache.ContentFolder(assignment.InfoHash), AnnounceUrl(assignment), cancellationToken);
    }

    private async Task FinishAsync(RolloutRecord record, RolloutStage stage, string detail, StatusReport report, CancellationToken cancellationToken)
    {
        // Report first, journal second: a crash between them re-reports (the server keeps the newest), never loses.
        await ReportAsync(report, cancellationToken);
        await journal.SaveAsync(record with { Stage = stage, Detail = detail, UpdatedAt = time.GetUtcNow() }, cancellationToken);
    }

    private Task ReportAsync(StatusReport report, CancellationToken cancellationToken) => outbox.EnqueueAsync(report with { ReportedAt = time.GetUtcNow() }, cancellationToken);

    private IReadOnlyList<TransferTotal> Transfers(TorrentSession session) => SourceTotals.Totals(session.Statistics);

    private DetectionRule? ReadDetection(Assignment assignment)
    {
        try
        {
            return InstallSpecReader.Detection(assignment.Install);
        }
        catch (JsonException bad)
        {
            LogDetection(logger, assignment.RolloutName, "unreadable detection rule, ignored: " + bad.Message);
            return null;
        }
    }

    private static Uri? AnnounceUrl(Assignment assignment) =>
        Uri.TryCreate(assignment.AnnounceUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

    private DownloadStatus Describe(Assignment assignment, string stage, string? detail, TorrentSession? session)
    {
        var progress = session?.Progress;
        var statistics = session?.Statistics;
        return new DownloadStatus(
            assignment.RolloutId, assignment.RolloutName, assignment.Version, stage,
            progress?.VerifiedBytes ?? 0, progress?.TotalBytes ?? assignment.TotalSize, progress?.Peers ?? 0,
            statistics?.BytesReceived ?? 0, statistics?.BytesSent ?? 0,
            statistics is null ? [] : SourceTotals.PerSource(statistics), detail, time.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Detection for {Rollout}: {Reason}")]
    private static partial void LogDetection(ILogger logger, string rollout, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Downloaded and verified {Rollout}: {Total} bytes ({Received} received from its sources, as reported)")]
    private static partial void LogDownloaded(ILogger logger, string rollout, long total, long received);

    [LoggerMessage(Level = LogLevel.Information, Message = "Install of {Rollout} finished: {Stage} (exit code {ExitCode})")]
    private static partial void LogInstalled(ILogger logger, string rollout, RolloutStage stage, int? exitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evicted {Package} ({Size} bytes) from the cache")]
    private static partial void LogEvicted(ILogger logger, string package, long size);
}
