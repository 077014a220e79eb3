namespace EnterpriseDistrib.Catalog.Configurations;

/// <summary>The names the status upsert's SQL uses; kept next to the configuration that fixes them.</summary>
internal static class StatusTable
{
    public const string Name = "agent_rollout_status";
}
