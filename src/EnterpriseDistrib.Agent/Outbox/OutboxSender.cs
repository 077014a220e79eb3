using System.Text.Json;
using EnterpriseDistrib.Agent.ServerApi;
using Microsoft.Extensions.Logging;

namespace EnterpriseDistrib.Agent.Outbox;

/// <summary>
/// Drains the <see cref="DurableOutbox"/> to <c>POST /api/v1/agent/status</c> in batches, deleting a message only
/// after the server answered that its batch is stored. A resend after a lost answer is harmless: the server keeps
/// per agent and rollout only the report with the highest sequence, and the sequence sent is the outbox's own.
/// </summary>
public sealed partial class OutboxSender(DurableOutbox outbox, AgentApiClient client, int batchSize, ILogger<OutboxSender> logger)
{
    /// <summary>Kind of outbox message carrying a <see cref="StatusReport"/>.</summary>
    public const string StatusKind = "status";

    /// <summary>Queues a status report; its sequence is assigned by the outbox when sent.</summary>
    public Task<OutboxMessage> EnqueueAsync(StatusReport report, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(StatusKind, JsonSerializer.Serialize(report, AgentApiJson.Options), cancellationToken);

    /// <summary>Sends until the outbox is empty; returns how many reports the server stored. Outages surface as <see cref="ServerUnavailableException"/> with nothing lost.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (true)
        {
            var batch = await outbox.PeekAsync(batchSize, cancellationToken);
            if (batch.Count == 0)
            {
                return delivered;
            }

            var (reports, sendable) = Decode(batch);
            if (reports.Count == 0)
            {
                continue;
            }

            try
            {
                await client.SendStatusAsync(new StatusReportsRequest(reports), cancellationToken);
                outbox.Acknowledge(sendable);
                delivered += sendable.Count;
            }
            catch (ServerRejectedException rejected) when (rejected.StatusCode == 400 && sendable.Count > 1)
            {
                // One bad report fails the whole batch; send one by one so only the bad one is set aside.
                delivered += await SendSinglyAsync(sendable, cancellationToken);
            }
            catch (ServerRejectedException rejected) when (rejected.StatusCode == 400)
            {
                LogRejected(logger, sendable[0].Sequence, rejected.Message);
                outbox.Reject(sendable[0]);
            }
        }
    }

    private async Task<int> SendSinglyAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var delivered = 0;
        foreach (var message in messages)
        {
            var (reports, _) = Decode([message]);
            try
            {
                await client.SendStatusAsync(new StatusReportsRequest(reports), cancellationToken);
                outbox.Acknowledge([message]);
                delivered++;
            }
            catch (ServerRejectedException rejected) when (rejected.StatusCode == 400)
            {
                LogRejected(logger, message.Sequence, rejected.Message);
                outbox.Reject(message);
            }
        }

        return delivered;
    }

    // Messages that are not status reports or do not parse are set aside, never sent and never silently dropped.
    private (List<StatusReport> Reports, List<OutboxMessage> Sendable) Decode(IReadOnlyList<OutboxMessage> batch)
    {
        var reports = new List<StatusReport>(batch.Count);
        var sendable = new List<OutboxMessage>(batch.Count);
        foreach (var message in batch)
        {
            StatusReport? report = null;
            try
            {
                report = message.Kind == StatusKind ? JsonSerializer.Deserialize<StatusReport>(message.Payload, AgentApiJson.Options) : null;
            }
            catch (JsonException)
            {
                // Handled below as unreadable.
            }

            if (report is null)
            {
                LogRejected(logger, message.Sequence, $"unreadable outbox message of kind '{message.Kind}'");
                outbox.Reject(message);
                continue;
            }

            reports.Add(report with { Sequence = message.Sequence, ReportedAt = report.ReportedAt ?? message.CreatedAt });
            sendable.Add(message);
        }

        return (reports, sendable);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Status report {Sequence} was set aside, not sent: {Reason}")]
    private static partial void LogRejected(ILogger logger, long sequence, string reason);
}
