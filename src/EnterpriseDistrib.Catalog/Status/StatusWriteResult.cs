namespace EnterpriseDistrib.Catalog.Status;

/// <summary>What one batch did: reports received, status rows written, and reports left out (older than the stored state, duplicates, or for an unknown agent or rollout).</summary>
public sealed record StatusWriteResult(int Received, int Applied, int Ignored);
