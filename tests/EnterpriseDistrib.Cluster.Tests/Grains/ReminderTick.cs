namespace EnterpriseDistrib.Cluster.Tests.Grains;

/// <summary>One reminder delivery seen by <see cref="ReminderProbeGrain"/>.</summary>
public sealed record ReminderTick(string GrainKey, string ReminderName, DateTime FirstTickTime, DateTime CurrentTickTime);
