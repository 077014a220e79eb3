namespace EnterpriseDistrib.Agent.Assignments;

/// <summary>The outcome of one round of heartbeat, assignment poll and outbox delivery, and when the next one starts.</summary>
public sealed record PollCycle(bool Succeeded, int ConsecutiveFailures, TimeSpan NextDelay, int Assignments, int Delivered, string? Error);
