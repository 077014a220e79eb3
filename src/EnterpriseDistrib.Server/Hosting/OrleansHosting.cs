using System.Net;
using Orleans.Configuration;

namespace EnterpriseDistrib.Server.Hosting;

/// <summary>Configures the co-hosted Orleans silo from <see cref="ClusteringSettings"/>.</summary>
public static class OrleansHosting
{
    /// <summary>The ADO.NET invariant of Npgsql, the only database Orleans clustering runs on here.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>Adds the silo: localhost clustering for one box, ADO.NET clustering on PostgreSQL otherwise.</summary>
    public static WebApplicationBuilder AddControlPlaneSilo(this WebApplicationBuilder builder, string? catalogConnectionString)
    {
        var settings = ClusteringSettings.From(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            switch (settings.Clustering)
            {
                case ClusteringMode.Localhost:
                    silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, null, settings.ServiceId, settings.ClusterId);
                    break;
                case ClusteringMode.AdoNet:
                    var connectionString = settings.ConnectionString ?? catalogConnectionString;
                    if (string.IsNullOrWhiteSpace(connectionString))
                    {
                        throw new ServerConfigurationException(
                            "Silo:Clustering is AdoNet but no connection string is set: set Silo:ConnectionString or the catalog's PostgreSQL connection string.");
                    }

                    silo.Configure<ClusterOptions>(options =>
                    {
                        options.ClusterId = settings.ClusterId;
                        options.ServiceId = settings.ServiceId;
                    });
                    silo.ConfigureEndpoints(Dns.GetHostName(), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
                    silo.UseAdoNetClustering(options =>
                    {
                        options.Invariant = NpgsqlInvariant;
                        options.ConnectionString = connectionString;
                    });
                    break;
                default:
                    throw new ServerConfigurationException($"Silo:Clustering '{settings.Clustering}' is not supported; use Localhost or AdoNet.");
            }
        });
        return builder;
    }
}
