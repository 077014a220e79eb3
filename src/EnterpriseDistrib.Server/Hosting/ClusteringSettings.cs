namespace EnterpriseDistrib.Server.Hosting;

/// <summary>How the silo finds its cluster: one box on loopback, or several silos sharing the catalog database.</summary>
public enum ClusteringMode
{
    /// <summary><c>UseLocalhostClustering</c>: a single silo, the embedded default.</summary>
    Localhost,

    /// <summary>Orleans ADO.NET clustering on PostgreSQL (invariant <c>Npgsql</c>).</summary>
    AdoNet,
}

/// <summary>The <c>Silo</c> configuration section (not <c>Orleans</c>: Orleans reads that one itself), validated once at start-up.</summary>
public sealed record ClusteringSettings
{
    /// <summary>The configuration section these settings bind from.</summary>
    public const string SectionName = "Silo";

    /// <summary>Which membership provider the silo uses.</summary>
    public ClusteringMode Clustering { get; init; } = ClusteringMode.Localhost;

    /// <summary>Orleans cluster id (silos with the same id form one cluster).</summary>
    public string ClusterId { get; init; } = "edist";

    /// <summary>Orleans service id (stable across deployments of the same service).</summary>
    public string ServiceId { get; init; } = "edist";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Client gateway port (0 disables the gateway: the API is co-hosted and needs none).</summary>
    public int GatewayPort { get; init; }

    /// <summary>Connection string for ADO.NET clustering; defaults to the catalog's PostgreSQL connection string.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Reads and validates the section.</summary>
    public static ClusteringSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(SectionName).Get<ClusteringSettings>() ?? new ClusteringSettings();
        if (settings.SiloPort is < 1 or > 65535)
        {
            throw new ServerConfigurationException($"Silo:SiloPort must be between 1 and 65535 (got {settings.SiloPort}).");
        }

        if (settings.GatewayPort is < 0 or > 65535)
        {
            throw new ServerConfigurationException($"Silo:GatewayPort must be between 0 and 65535 (got {settings.GatewayPort}).");
        }

        return settings;
    }
}
