using System.Net;
using EnterpriseDistrib.Cluster.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace EnterpriseDistrib.Cluster.Tests.Silos;

/// <summary>
/// One real Orleans silo in this process on 127.0.0.1, with the ADO.NET providers on PostgreSQL: clustering,
/// reminders, and grain storage named <see cref="CounterGrain.StorageName"/>. Membership timings are short so that
/// joins, leaves and deaths show within a second or two.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    /// <summary>The ADO.NET invariant Orleans maps to Npgsql's factory (it loads the Npgsql assembly by name).</summary>
    public const string NpgsqlInvariant = "Npgsql";

    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host, string name, SiloEndpoint endpoint)
    {
        _host = host;
        Name = name;
        Endpoint = endpoint;
    }

    public string Name { get; }

    public SiloEndpoint Endpoint { get; }

    /// <summary>This incarnation's address (endpoint plus generation).</summary>
    public SiloAddress Address => _host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public static async Task<TestSilo> StartAsync(ClusterSettings cluster, string name, SiloEndpoint endpoint, ReminderTicks ticks)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureServices(services =>
            {
                services.AddSingleton(ticks);
                services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(20));
            })
            .UseOrleans(silo =>
            {
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = cluster.ClusterId;
                    options.ServiceId = cluster.ServiceId;
                });
                silo.Configure<SiloOptions>(options => options.SiloName = name);
                silo.ConfigureEndpoints(IPAddress.Loopback, endpoint.SiloPort, endpoint.GatewayPort);
                silo.UseAdoNetClustering(options =>
                {
                    options.Invariant = NpgsqlInvariant;
                    options.ConnectionString = cluster.ConnectionString;
                });
                silo.UseAdoNetReminderService(options =>
                {
                    options.Invariant = NpgsqlInvariant;
                    options.ConnectionString = cluster.ConnectionString;
                });
                silo.AddAdoNetGrainStorage(CounterGrain.StorageName, options =>
                {
                    options.Invariant = NpgsqlInvariant;
                    options.ConnectionString = cluster.ConnectionString;
                });
                silo.Configure<ClusterMembershipOptions>(options =>
                {
                    options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                    options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
                    options.ProbeTimeout = TimeSpan.FromSeconds(1);
                    options.NumMissedProbesLimit = 2;
                    options.NumVotesForDeathDeclaration = 1;
                });
                // Orleans allows sub-minute reminders when configured (it logs a warning); tests need a tick in seconds.
                silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            })
            .Build();

        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new TestSilo(host, name, endpoint);
    }

    /// <summary>Shuts the silo down gracefully: it marks itself dead in the membership table and leaves.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _host.Dispose();
        }
    }
}
