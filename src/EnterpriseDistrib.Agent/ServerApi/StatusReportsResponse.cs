namespace EnterpriseDistrib.Agent.ServerApi;

/// <summary>The server's acknowledgement: every report of the request is stored (older sequences are kept out, not lost).</summary>
public sealed record StatusReportsResponse(int Received, int BatchSize, int BatchApplied);
