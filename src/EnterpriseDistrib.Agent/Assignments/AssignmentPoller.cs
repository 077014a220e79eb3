using EnterpriseDistrib.Agent.Configuration;
using EnterpriseDistrib.Agent.Enrollment;
using EnterpriseDistrib.Agent.Outbox;
using EnterpriseDistrib.Agent.ServerApi;
using EnterpriseDistrib.Agent.Status;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EnterpriseDistrib.Agent.Assignments;

/// <summary>
/// The agent's conversation with the server: a heartbeat when due, the assignment list and delivery of the status
/// outbox, every poll interval (spread by jitter). When no server answers it waits with exponential back-off; the
/// last known assignments and every queued report are kept, so an outage stalls new work and loses nothing.
/// A refused credential stops the loop: only a new enrollment can help.
/// </summary>
public sealed partial class AssignmentPoller(
    AgentSettings settings,
    AgentIdentity identity,
    AgentApiClient client,
    OutboxSender sender,
    DurableOutbox outbox,
    AgentStatusFile statusFile,
    TimeProvider time,
    ILogger<AssignmentPoller> logger,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    private readonly ExponentialBackoff _backoff = new(settings.BackoffInitial, settings.BackoffMax, settings.Jitter);
    private IReadOnlyList<Assignment> _assignments = [];
    private HeartbeatResponse? _heartbeat;
    private DateTimeOffset? _nextHeartbeatAt;
    private DateTimeOffset? _lastHeartbeatAt;

    /// <summary>Raised after each cycle, before the wait for the next one starts counting.</summary>
    public event Action<PollCycle>? CycleCompleted;

    /// <summary>The assignments of the last successful poll (kept through outages).</summary>
    public IReadOnlyList<Assignment> Assignments => Volatile.Read(ref _assignments);

    /// <summary>The last heartbeat answer (kept through outages): the site's time zone and business-hours policy; null before the first.</summary>
    public HeartbeatResponse? LastHeartbeat => Volatile.Read(ref _heartbeat);

    /// <summary>Set when the server refused the credential and the loop stopped.</summary>
    public AgentNotAuthorizedException? StoppedBecause { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var attemptAt = time.GetUtcNow();
            string? error = null;
            var delivered = 0;
            try
            {
                delivered = await RunCycleAsync(stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (AgentNotAuthorizedException refused)
            {
                StoppedBecause = refused;
                LogNotAuthorized(logger, refused.Message);
                await WriteStatusAsync("Stopped: the server refused this agent's credential; enroll again", false, attemptAt, 0, refused.Message, null, CancellationToken.None);
                CycleCompleted?.Invoke(new PollCycle(false, failures, TimeSpan.Zero, Assignments.Count, 0, refused.Message));
                lifetime?.StopApplication();
                return;
            }
            catch (Exception exception) when (exception is ServerUnavailableException or ServerRejectedException)
            {
                // Rejected calls here are a server or protocol fault, not the agent's; retry later like an outage.
                failures++;
                error = exception.Message;
                LogCycleFailed(logger, failures, exception.Message);
            }

            var delay = failures == 0
                ? ExponentialBackoff.Spread(settings.PollInterval, settings.Jitter, Random.Shared.NextDouble())
                : _backoff.Delay(failures, Random.Shared.NextDouble());
            var next = time.GetUtcNow() + delay;
            await WriteStatusAsync(failures == 0 ? "Running" : "Waiting for the server", failures == 0, attemptAt, failures, error, next, stoppingToken);

            // The timer is armed before observers hear of the cycle, so a test advancing a fake clock cannot miss it.
            var wait = Task.Delay(delay, time, stoppingToken);
            CycleCompleted?.Invoke(new PollCycle(failures == 0, failures, delay, Assignments.Count, delivered, error));
            try
            {
                await wait;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<int> RunCycleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_nextHeartbeatAt is null || now >= _nextHeartbeatAt)
        {
            var beat = await client.HeartbeatAsync(new HeartbeatRequest(AgentEnrollment.AgentVersion), cancellationToken);
            Volatile.Write(ref _heartbeat, beat);
            var period = beat.NextHeartbeatSeconds > 0 ? TimeSpan.FromSeconds(beat.NextHeartbeatSeconds) : settings.HeartbeatInterval;
            _lastHeartbeatAt = time.GetUtcNow();
            _nextHeartbeatAt = _lastHeartbeatAt + ExponentialBackoff.Spread(period, settings.Jitter, Random.Shared.NextDouble());
        }

        var assignments = await client.GetAssignmentsAsync(cancellationToken);
        if (assignments.Count != Assignments.Count || !assignments.Select(a => a.RolloutId).SequenceEqual(Assignments.Select(a => a.RolloutId)))
        {
            LogAssignments(logger, assignments.Count);
        }

        Volatile.Write(ref _assignments, assignments);
        return await sender.DrainAsync(cancellationToken);
    }

    private Task WriteStatusAsync(string state, bool reachable, DateTimeOffset attemptAt, int failures, string? error, DateTimeOffset? next, CancellationToken cancellationToken) =>
        statusFile.WriteAsync(
            new AgentStatusSnapshot(
                identity.AgentId,
                state,
                client.CurrentServer.AbsoluteUri,
                reachable,
                _lastHeartbeatAt,
                attemptAt,
                failures,
                error,
                next,
                [.. Assignments.Select(a => new AssignmentSummary(a.RolloutId, a.RolloutName, a.Version, a.TotalSize, a.Deadline))],
                outbox.Count,
                time.GetUtcNow(),
                Environment.ProcessId),
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stopping: {Reason}")]
    private static partial void LogNotAuthorized(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Server contact failed ({Failures} in a row); backing off: {Reason}")]
    private static partial void LogCycleFailed(ILogger logger, int failures, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} assignment(s) from the server")]
    private static partial void LogAssignments(ILogger logger, int count);
}
