namespace EnterpriseDistrib.Agent.Outbox;

/// <summary>
/// A report waiting to reach the server. <see cref="Id"/> is its idempotency key: the server ignores a
/// message it has already applied, so a resend after a lost acknowledgement is counted once.
/// </summary>
/// <param name="Sequence">Order of enqueueing; delivery follows it.</param>
/// <param name="Id">Unique per message, stable across resends.</param>
/// <param name="Kind">What the payload is (for example <c>status</c> or <c>transfer</c>).</param>
/// <param name="Payload">The JSON the server receives.</param>
/// <param name="CreatedAt">When the agent made the report.</param>
public sealed record OutboxMessage(long Sequence, Guid Id, string Kind, string Payload, DateTimeOffset CreatedAt);
