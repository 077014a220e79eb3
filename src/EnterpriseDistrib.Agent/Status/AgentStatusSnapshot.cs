namespace EnterpriseDistrib.Agent.Status;

/// <summary>What the running agent is doing, written to <c>status.json</c> for <c>edist-agent status</c>.</summary>
public sealed record AgentStatusSnapshot(
    Guid? AgentId,
    string State,
    string? Server,
    bool ServerReachable,
    DateTimeOffset? LastHeartbeatAt,
    DateTimeOffset? LastContactAttemptAt,
    int ConsecutiveFailures,
    string? LastError,
    DateTimeOffset? NextContactAt,
    IReadOnlyList<AssignmentSummary> Assignments,
    int OutboxDepth,
    DateTimeOffset WrittenAt,
    int ProcessId);

/// <summary>One assignment as a person at the endpoint needs to see it.</summary>
public sealed record AssignmentSummary(Guid RolloutId, string RolloutName, string Version, long TotalSize, DateTimeOffset? Deadline);
