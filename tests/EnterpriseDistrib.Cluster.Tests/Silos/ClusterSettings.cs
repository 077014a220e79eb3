namespace EnterpriseDistrib.Cluster.Tests.Silos;

/// <summary>What every silo of one test cluster shares: the database, the cluster's ids, and the reminder sink.</summary>
public sealed record ClusterSettings(string ConnectionString, string ClusterId, string ServiceId)
{
    /// <summary>A cluster with unique ids on <paramref name="connectionString"/>.</summary>
    public static ClusterSettings For(string connectionString)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return new ClusterSettings(connectionString, $"edist-test-{suffix}", $"edist-service-{suffix}");
    }
}
