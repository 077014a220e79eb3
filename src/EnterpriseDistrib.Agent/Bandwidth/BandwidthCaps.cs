namespace EnterpriseDistrib.Agent.Bandwidth;

/// <summary>The agent's whole download and upload caps at one moment, in bytes per second (0 = unlimited).</summary>
public sealed record BandwidthCaps(long Download, long Upload);
