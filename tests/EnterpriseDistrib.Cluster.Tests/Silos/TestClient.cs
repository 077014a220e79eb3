using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace EnterpriseDistrib.Cluster.Tests.Silos;

/// <summary>An Orleans client outside the silos that finds their gateways through the ADO.NET membership table.</summary>
public sealed class TestClient : IAsyncDisposable
{
    private readonly IHost _host;

    private TestClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<TestClient> ConnectAsync(ClusterSettings cluster)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = cluster.ClusterId;
                    options.ServiceId = cluster.ServiceId;
                });
                client.UseAdoNetClustering(options =>
                {
                    options.Invariant = TestSilo.NpgsqlInvariant;
                    options.ConnectionString = cluster.ConnectionString;
                });
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

        return new TestClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
