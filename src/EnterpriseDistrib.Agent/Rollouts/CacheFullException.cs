namespace EnterpriseDistrib.Agent.Rollouts;

/// <summary>A package cannot enter the cache yet: packages other active rollouts need fill the quota. Retried later.</summary>
public sealed class CacheFullException(string message) : Exception(message);
